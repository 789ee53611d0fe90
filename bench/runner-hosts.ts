// Runner hosts: a Flotilla server on PostgreSQL (the orchestrator), a project whose code travels
// through a bare remote, and `flotilla runner` processes taking its attempts from the queue.
// Dispatch latency: from the server's `package.started` (the attempt's id sent to the queue) to
// the runner's `package.runner_started` (its agent's worker started), over one run of many
// short packages. Then the server's own CPU while every runner's agents each write 1 MB/s, which
// the runners ship into the database and the server mirrors into its attempt folders; every byte
// must arrive.
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { openDatabase, type Database } from "@/lib/server/db/client";
import { LOG_AGENT, logPlan, startRun, tinyRepository } from "./bench-project";
import { cpuSeconds, startBenchServer, type BenchServer } from "./server";

const CLI = path.resolve("scripts/flotilla.mjs");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function project(db: Database, name: string, remote: string, repo: string, modes: string, concurrency: number) {
  const row = await db.project.create({
    data: {
      name,
      repoPath: repo,
      baseBranch: "main",
      agent: "custom",
      staggerSeconds: 0,
      concurrency,
      reviewMode: "off",
      timeoutSeconds: 900,
      remote,
      agentSettings: JSON.stringify(
        agentSettingsSchema.parse({ customCommand: `${process.execPath} ${LOG_AGENT} ${modes}` }),
      ),
    },
  });
  return row.id;
}

async function waitForRun(server: BenchServer, runId: string, limitMs: number): Promise<string> {
  const start = performance.now();
  for (;;) {
    const state = (await (await fetch(`${server.base}/api/runs/${runId}/state`)).json()) as { run: { status: string } };
    if (state.run.status !== "running") return state.run.status;
    if (performance.now() - start > limitMs) throw new Error(`run ${runId} did not finish in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function measureRunnerHosts(
  clusterUrl: string,
  options: { runners: number; agentsPerRunner: number; seconds: number; dispatchPackages: number },
) {
  const url = `${clusterUrl}/flotilla_runner_bench`;
  const server = await startBenchServer(3402, { DATABASE_URL: url, FLOTILLA_RUNNER_NAME: "bench-dashboard" });
  const db = openDatabase(url);
  const runners: ChildProcess[] = [];
  try {
    const output: string[] = [];
    for (let i = 1; i <= options.runners; i++) {
      const home = mkdtempSync(path.join(os.tmpdir(), `flotilla-bench-runner-${i}-`));
      runners.push(
        spawn(
          process.execPath,
          [
            CLI,
            "runner",
            "--database",
            url,
            "--name",
            `bench-runner-${i}`,
            "--concurrency",
            String(options.agentsPerRunner),
            "--dir",
            home,
          ],
          { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FLOTILLA_DATA_DIR: path.join(home, "data") } },
        ),
      );
    }
    runners.forEach((r, i) => {
      output[i] = "";
      r.stdout!.on("data", (c) => (output[i] += c));
      r.stderr!.on("data", (c) => (output[i] += c));
    });
    const deadline = Date.now() + 60_000;
    while ((await db.runner.count({ where: { capacity: { not: null } } })) < options.runners) {
      if (Date.now() > deadline) throw new Error(`the runners did not register:\n${output.join("\n")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const capacity = options.runners * options.agentsPerRunner;
    const remoteFor = (repo: string) => {
      const bare = path.join(mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-remote-")), "app.git");
      execFileSync("git", ["clone", "-q", "--bare", repo, bare]);
      return bare;
    };

    // Dispatch latency over many short packages (plans hold at most 10: one run after another).
    const repoA = tinyRepository();
    const a = await project(db, "dispatch", remoteFor(repoA), repoA, "default=lines:10", Math.min(10, capacity));
    const latencies: number[] = [];
    let dispatchStatus = "completed";
    for (let done = 0; done < options.dispatchPackages; done += 10) {
      const count = Math.min(10, options.dispatchPackages - done);
      const dispatchRun = await startRun(server, a, logPlan(`dispatch ${done}`, count));
      const status = await waitForRun(server, dispatchRun, 600_000);
      if (status !== "completed") dispatchStatus = status;
      const events = await db.event.findMany({
        where: { runId: dispatchRun, type: { in: ["package.started", "package.runner_started"] } },
        select: { type: true, payload: true, createdAt: true },
      });
      const sent = new Map<string, number>();
      const started = new Map<string, number>();
      for (const e of events) {
        const { wpId } = JSON.parse(e.payload) as { wpId: string };
        (e.type === "package.started" ? sent : started).set(wpId, e.createdAt.getTime());
      }
      for (const [wp, at] of sent) if (started.has(wp)) latencies.push(started.get(wp)! - at);
    }
    latencies.sort((x, y) => x - y);

    // The server's CPU while every agent writes 1 MB/s through its runner: two runs of half the
    // agents each (a plan holds at most 10 packages), at once.
    const bytesPerSecond = 1024 * 1024;
    const half = Math.ceil(capacity / 2);
    const modes = `default=rate:${bytesPerSecond}:${options.seconds}`;
    const projects = await Promise.all(
      [0, 1].map(async (i) => {
        const repo = tinyRepository();
        return project(db, `logs ${i}`, remoteFor(repo), repo, modes, half);
      }),
    );
    const cpuBefore = cpuSeconds(server.serverPid);
    const start = performance.now();
    const logRuns = await Promise.all(projects.map((p, i) => startRun(server, p, logPlan(`logs ${i}`, half))));
    const statuses = await Promise.all(logRuns.map((r) => waitForRun(server, r, (options.seconds + 300) * 1000)));
    const logStatus = statuses.every((st) => st === "completed") ? "completed" : statuses.join(", ");
    const wall = (performance.now() - start) / 1000;
    const cpu = cpuSeconds(server.serverPid) - cpuBefore;
    const expected = options.seconds * Math.floor(bytesPerSecond / 20) * 20;
    const stored = logRuns.flatMap((runId) =>
      Array.from({ length: half }, (_, i) => {
        try {
          return statSync(path.join(server.dataDir, "runs", runId, `WP-${i + 1}`, "output.md")).size;
        } catch {
          return 0;
        }
      }),
    );
    return {
      dispatchStatus,
      dispatched: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      logStatus,
      writtenBytes: expected * stored.length,
      lostBytes: stored.reduce((sum, size) => sum + Math.max(0, expected - size), 0),
      wallSeconds: wall,
      serverCpuSeconds: cpu,
      serverCores: cpu / wall,
    };
  } finally {
    for (const r of runners) r.kill("SIGTERM");
    await db.$disconnect();
    server.stop();
  }
}
