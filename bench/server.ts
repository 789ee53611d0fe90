// A Flotilla server for benchmarks: its own build folder, port and data folder.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface BenchServer { base: string; dataDir: string; stop(): void }

export async function startBenchServer(port: number, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-server-"));
  const home = process.env.FLOTILLA_HOME ?? process.cwd();
  const child: ChildProcess = spawn(process.execPath, [path.join(home, "scripts", "start.mjs")], {
    cwd: home,
    detached: true,
    stdio: "ignore",
    env: { ...process.env, PORT: String(port), FLOTILLA_DIST_DIR: ".next-bench", FLOTILLA_DATA_DIR: dataDir, DATABASE_URL: "", ...env },
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    const ok = await fetch(`${base}/`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the bench server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    dataDir,
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
