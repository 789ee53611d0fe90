// Runner hosts in tests: a project whose code travels through a bare remote, an orchestrator on a
// shared PostgreSQL database with the attempt queue, and real `flotilla runner` processes
// (optionally started inside a network namespace) whose agents can be killed with them.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { git } from "@/e2e/fixtures/git-repos";
import { openDatabase } from "@/lib/server/db/client";
import { newOwnerId, type EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { closeAttemptQueues, lazyAttemptQueue } from "@/lib/server/queue/attempt-queue";
import { onTestFinished } from "vitest";
import { CLI } from "./cli-harness";
import { makeRepository } from "./engine-harness";
import { tempDir } from "./temp-dir";

/** An orchestrator on `url` (this process) with a project whose remote is a bare repository. */
export async function setupRunnerHosts(url: string, remoteUrl?: (bare: string) => Promise<string>) {
  const db = openDatabase(url);
  onTestFinished(async () => {
    await closeAttemptQueues();
    await db.$disconnect();
  });
  const repo = makeRepository();
  const bare = path.join(tempDir("flotilla-remote-"), "app.git");
  git(path.dirname(bare), "clone", "-q", "--bare", repo, bare);
  const project = await db.project.create({
    data: {
      name: "app",
      repoPath: repo,
      baseBranch: "main",
      testCommand: "node check.mjs",
      agent: "custom",
      staggerSeconds: 0,
      remote: remoteUrl ? await remoteUrl(bare) : bare,
    },
  });
  const ctx: EngineContext = {
    db,
    dataDir: tempDir("flotilla-data-"),
    owner: newOwnerId("test"),
    now: () => new Date(),
    leaseMs: 10_000,
    notify: () => {},
    runner: "dashboard-box",
    sharedDatabase: true,
    queue: lazyAttemptQueue(url),
  };
  return { db, repo, bare, project, ctx };
}

export interface RunnerProcess {
  name: string;
  home: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL for the runner and every worker and agent it started (a host that died). */
  killWithAgents: () => void;
}

function pidsIn(home: string): number[] {
  const attempts = path.join(home, "attempts");
  if (!existsSync(attempts)) return [];
  const pids: number[] = [];
  for (const id of readdirSync(attempts))
    for (const file of ["pid", "agent.pid"]) {
      const pid = Number(
        (() => {
          try {
            return readFileSync(path.join(attempts, id, file), "utf8").trim();
          } catch {
            return "";
          }
        })(),
      );
      if (Number.isInteger(pid) && pid > 1) pids.push(pid);
    }
  return pids;
}

/** Starts `flotilla runner` (inside `netns` when given, where the database and remote URLs must reach the host). */
export function startRunner(
  url: string,
  name: string,
  options: { concurrency?: number; netns?: string; env?: Record<string, string>; home?: string } = {},
): RunnerProcess {
  const home = options.home ?? tempDir(`flotilla-runner-${name}-`);
  const args = [
    CLI,
    "runner",
    "--database",
    url,
    "--name",
    name,
    "--concurrency",
    String(options.concurrency ?? 2),
    "--dir",
    home,
  ];
  const [program, argv] = options.netns
    ? ["ip", ["netns", "exec", options.netns, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(program, argv, {
    env: { ...process.env, FLOTILLA_DATA_DIR: path.join(home, "data"), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const killWithAgents = () => {
    // Wrappers first: a wrapper that outlived its agent would record the kill as the agent's end.
    const pids = pidsIn(home);
    for (const pid of pids)
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    for (const pid of pids)
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // not a group leader, or gone
      }
    child.kill("SIGKILL");
  };
  onTestFinished(() => {
    killWithAgents();
  });
  return { name, home, child, output: () => output, killWithAgents };
}

/** Resolves once `check` holds (polled), or fails with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The live processes whose command line carries one of these attempts' marker (their workers). */
export function workersOf(attemptIds: string[]): string[] {
  const markers = attemptIds.map((id) => `--attempt=${id}`);
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        return markers.some((m) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(m));
      } catch {
        return false;
      }
    });
}
