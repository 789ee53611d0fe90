// Starting, watching and stopping agent workers. Each worker is scripts/agent-wrapper.mjs,
// started detached in its own process group so it outlives this process.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { z } from "zod";
import { scriptPath } from "../flotilla-home";

export interface WorkerSpec {
  /** The attempt this worker runs: written to attempt-id and put on its command line. */
  attemptId: string;
  /** The attempt folder the wrapper writes its files into. */
  dir: string;
  cwd: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** File fed to the agent's stdin (instructions.md). */
  stdinFile: string | null;
  timeoutMs: number;
  graceMs: number;
  /** Runs first (e.g. npm ci), logged to setup.log; a failure means the agent never starts. */
  setup?: { argv: string[]; timeoutMs: number } | null;
}

/** Starts a worker and returns the wrapper's pid. */
export async function launchWorker(spec: WorkerSpec): Promise<number> {
  // Written before the worker starts: an orchestrator that dies before it stores the pid finds
  // the worker again by this id instead of starting a second one (findWorker).
  await mkdir(spec.dir, { recursive: true });
  await writeFile(path.join(spec.dir, "attempt-id"), `${spec.attemptId}\n`);
  const subprocess = execa(
    process.execPath,
    [
      scriptPath("agent-wrapper.mjs"),
      spec.dir,
      spec.cwd,
      String(spec.timeoutMs),
      String(spec.graceMs),
      spec.stdinFile ?? "-",
      spec.setup ? JSON.stringify(spec.setup.argv) : "-",
      String(spec.setup?.timeoutMs ?? 0),
      `--attempt=${spec.attemptId}`,
      "--",
      spec.command,
      ...spec.args,
    ],
    { detached: true, cleanup: false, stdio: "ignore", env: spec.env, extendEnv: true, cwd: spec.cwd, reject: false },
  );
  const pid = subprocess.pid;
  subprocess.unref();
  if (!pid) {
    const result = await subprocess;
    throw new Error(`could not start the worker: ${result.shortMessage ?? "unknown error"}`);
  }
  return pid;
}

export const workerResultSchema = z.object({
  exitCode: z.number().int(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  cancelled: z.boolean(),
  error: z.string().nullable(),
  setupFailed: z.boolean().default(false),
  setupTimedOut: z.boolean().default(false),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
});
export type WorkerResult = z.infer<typeof workerResultSchema>;

/** The wrapper's result.json once the agent has ended (and .done exists), else null. */
export async function readWorkerResult(dir: string): Promise<WorkerResult | null> {
  if (!existsSync(path.join(dir, ".done"))) return null;
  try {
    return workerResultSchema.parse(JSON.parse(await readFile(path.join(dir, "result.json"), "utf8")));
  } catch {
    // .done without a readable result: fall back to the seed layout's exit-code file.
    const code = Number((await readFile(path.join(dir, "exit-code"), "utf8").catch(() => "")).trim());
    return {
      exitCode: Number.isInteger(code) ? code : 1,
      signal: null,
      timedOut: false,
      cancelled: false,
      error: "result.json missing",
      setupFailed: false,
      setupTimedOut: false,
      startedAt: "",
      endedAt: "",
      durationMs: 0,
    };
  }
}

/** True when `pid` is a live process that is one of our wrappers (guards against pid reuse). */
export function isWorkerAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  try {
    return readFileSync(cmdline, "utf8").includes("agent-wrapper");
  } catch {
    return true;
  }
}

function cmdlineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return null;
  }
}

/**
 * The worker started for `attemptId`, when an orchestrator died before storing its pid: a live
 * wrapper whose command line carries the id (its pid file first, then every process), or a
 * worker that already finished in `dir`. Null when that attempt's worker never started.
 */
export function findWorker(dir: string, attemptId: string): { pid: number | null; finished: boolean } | null {
  const marker = `--attempt=${attemptId}`;
  const isOurs = (pid: number) => cmdlineOf(pid)?.split("\0").includes(marker) ?? false;
  const recordedId = (() => {
    try {
      return readFileSync(path.join(dir, "attempt-id"), "utf8").trim();
    } catch {
      return null;
    }
  })();
  if (recordedId === attemptId && existsSync(path.join(dir, ".done"))) return { pid: null, finished: true };
  const pidFromFile = Number(
    (() => {
      try {
        return readFileSync(path.join(dir, "pid"), "utf8").trim();
      } catch {
        return "";
      }
    })(),
  );
  if (Number.isInteger(pidFromFile) && pidFromFile > 1 && isOurs(pidFromFile))
    return { pid: pidFromFile, finished: false };
  if (!existsSync("/proc")) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (isOurs(pid)) return { pid, finished: false };
  }
  return null;
}

/** Asks a worker to stop (the wrapper stops the agent's whole tree and records a cancellation). */
export function stopWorker(pid: number): void {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/** Kills an agent's process group whose wrapper vanished (the agent may still be running). */
export function killOrphanedAgent(dir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dir, "agent.pid"), "utf8").trim());
    if (Number.isInteger(pid) && pid > 1) process.kill(-pid, "SIGKILL");
  } catch {
    // no agent pid, or already gone
  }
}

/** "setup" or "agent": what the worker is doing now (its phase file). */
export function readWorkerPhase(dir: string): "setup" | "agent" | null {
  try {
    const phase = readFileSync(path.join(dir, "phase"), "utf8").trim();
    return phase === "setup" || phase === "agent" ? phase : null;
  } catch {
    return null;
  }
}
