// A Flotilla server for benchmarks: its own build folder, port and data folder.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface BenchServer {
  base: string;
  dataDir: string;
  /** The Next.js server process itself (a child of scripts/start.mjs). */
  serverPid: number;
  stop(): void;
}

/** CPU seconds (user + system) a process has used itself, from /proc (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export function peakMemoryMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb ?? 0) / 1024;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export async function startBenchServer(port: number, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-server-"));
  const home = process.env.FLOTILLA_HOME ?? process.cwd();
  const child: ChildProcess = spawn(process.execPath, [path.join(home, "scripts", "start.mjs")], {
    cwd: home,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(port),
      FLOTILLA_DIST_DIR: ".next-bench",
      FLOTILLA_DATA_DIR: dataDir,
      DATABASE_URL: "",
      ...env,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    const ok = await fetch(`${base}/`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the bench server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  // start.mjs runs migrations and the build as children first; the server is the one left.
  const serverPid = childrenOf(child.pid!).at(-1) ?? child.pid!;
  return {
    base,
    dataDir,
    serverPid,
    stop() {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
