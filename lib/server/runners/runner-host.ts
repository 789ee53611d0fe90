// `flotilla runner`: a host that runs queued attempts for the orchestrators of a shared
// (PostgreSQL) database. It registers itself with its capacity and beats; while it has room and
// is not draining it fetches an attempt id from the queue and claims the attempt's row (a second
// delivery of the same job claims nothing), runs it (runner-attempt.ts), ships its output, stops
// it when its cancelled flag is set (a cancel, a timeout's or a budget's stop) and reports its end.
// Restarted, it picks up its own attempts from the database: live workers are watched again,
// ended ones reported, vanished ones reported lost; worktrees nothing owns are removed.
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import {
  findWorker,
  isWorkerAlive,
  killOrphanedAgent,
  readWorkerResult,
  stopWorker,
} from "@/lib/node/process/worker-process";
import { pruneWorktrees } from "@/lib/node/git/git-ops";
import { parseDispatch, type RemoteResult } from "@/lib/core/runners/attempt-job";
import type { Database } from "@/lib/server/db/client";
import type { AttemptQueue } from "@/lib/server/queue/attempt-queue";
import { availableAgents, isDraining, startLocalRunner, type LocalRunner } from "./local-runner";
import {
  cleanUpRemoteAttempt,
  finishRemoteAttempt,
  runnerPaths,
  shipLogs,
  shippedSoFar,
  startRemoteAttempt,
  type RunnerPaths,
  type RunningAttempt,
} from "./runner-attempt";

export interface RunnerHostOptions {
  db: Database;
  queue: AttemptQueue;
  name: string;
  capacity: number;
  /** The runner's own folder: clones, worktrees and attempt folders. */
  home: string;
  pollMs?: number;
  log?: (line: string) => void;
}

export class RunnerHost {
  private readonly running = new Map<string, RunningAttempt>();
  /** Attempts claimed whose worktree and worker are being made. */
  private readonly starting = new Map<string, Promise<void>>();
  private readonly paths: RunnerPaths;
  private registration: LocalRunner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private draining = false;
  private drainCheckedAt = 0;
  private stopped = false;
  private readonly agents: string[] = availableAgents();

  constructor(private readonly options: RunnerHostOptions) {
    this.paths = runnerPaths(options.home);
  }

  private log(line: string) {
    (this.options.log ?? ((l: string) => process.stdout.write(`${l}\n`)))(line);
  }

  get runningCount(): number {
    return this.running.size + this.starting.size;
  }

  async start(): Promise<void> {
    const { db, name, capacity } = this.options;
    this.registration = await startLocalRunner(db, name, { capacity });
    await this.recover();
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 250);
    void this.tick();
  }

  /** Stops taking and watching work; running agents go on and are picked up by the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.registration?.stop();
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(this.starting.values());
  }

  private async report(attemptId: string, result: RemoteResult): Promise<void> {
    await this.options.db.attempt.updateMany({
      where: {
        id: attemptId,
        runner: this.options.name,
        remoteResult: null,
        status: { in: ["starting", "running"] },
      },
      data: { remoteResult: JSON.stringify(result) },
    });
    const words =
      result.kind === "finished" ? `ended (exit ${String(result.result.exitCode)})` : `${result.kind}: ${result.why}`;
    this.log(`attempt ${attemptId} ${words}`);
  }

  /** Its own attempts from before a restart, and worktrees nothing owns. */
  private async recover(): Promise<void> {
    const { db, name } = this.options;
    const mine = await db.attempt.findMany({
      where: { runner: name, remote: true, status: { in: ["starting", "running"] }, remoteResult: null },
      select: { id: true, role: true, pid: true, dispatch: true, workPackage: { select: { wpId: true, runId: true } } },
    });
    for (const row of mine) {
      const dir = this.paths.attemptDir(row.id);
      const dispatch = parseDispatch(row.dispatch);
      const worker = existsSync(dir) ? findWorker(dir, row.id) : null;
      if (!dispatch || !worker) {
        // Claimed but never started, or its worker died with the host: a fresh attempt is better.
        await this.report(row.id, { kind: "lost", why: `runner ${name} restarted and its worker was gone` });
        if (dispatch)
          await cleanUpRemoteAttempt(this.paths, { id: row.id, clone: this.paths.clone(dispatch.remoteUrl) });
        continue;
      }
      const run = await db.run.findUnique({ where: { id: row.workPackage.runId }, select: { options: true } });
      const copyFiles = (() => {
        try {
          return (JSON.parse(run?.options ?? "{}") as { copyFiles?: string[] }).copyFiles ?? [];
        } catch {
          return [];
        }
      })();
      this.running.set(row.id, {
        id: row.id,
        runId: row.workPackage.runId,
        wpId: row.workPackage.wpId,
        role: row.role,
        pid: worker.pid ?? row.pid ?? 0,
        dir,
        worktree: this.paths.worktree(row.id),
        clone: this.paths.clone(dispatch.remoteUrl),
        dispatch,
        copyFiles,
        shipped: await shippedSoFar(db, row.id),
        stopping: false,
      });
      this.log(`attempt ${row.id} (${row.workPackage.wpId}) picked up again after a restart`);
    }
    // Workers of attempts this runner no longer runs (given up while it was down for over 30 s):
    // stopped with their agents, their folders removed.
    if (existsSync(this.paths.attemptsDir)) {
      for (const entry of await readdir(this.paths.attemptsDir)) {
        if (this.running.has(entry)) continue;
        const dir = path.join(this.paths.attemptsDir, entry);
        const stray = findWorker(dir, entry);
        if (stray?.pid && stray.pid > 1) stopWorker(stray.pid);
        killOrphanedAgent(dir);
        await rm(dir, { recursive: true, force: true });
        if (stray?.pid) this.log(`attempt ${entry}: its worker outlived this runner's absence and was stopped`);
      }
    }
    // Worktrees of attempts this runner no longer runs.
    if (existsSync(this.paths.worktreesDir)) {
      for (const entry of await readdir(this.paths.worktreesDir)) {
        if (this.running.has(entry)) continue;
        await rm(path.join(this.paths.worktreesDir, entry), { recursive: true, force: true });
      }
    }
    if (existsSync(this.paths.clonesDir))
      for (const clone of await readdir(this.paths.clonesDir))
        await pruneWorktrees(path.join(this.paths.clonesDir, clone)).catch(() => {});
  }

  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      // One attempt's trouble (a database hiccup, a folder gone) never holds up the others.
      for (const attempt of [...this.running.values()])
        await this.watch(attempt).catch((err: Error) => this.log(`attempt ${attempt.id}: ${err.message}`));
      await this.takeWork();
    } catch (err) {
      this.log(`runner loop: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private async watch(attempt: RunningAttempt): Promise<void> {
    const { db } = this.options;
    await shipLogs(db, attempt);
    const row = await db.attempt.findUnique({ where: { id: attempt.id }, select: { status: true, cancelled: true } });
    if (!row || !["starting", "running"].includes(row.status)) {
      // The orchestrator gave up on it (this host was lost for a while): stop it, nothing to report.
      if (attempt.pid > 1 && isWorkerAlive(attempt.pid)) stopWorker(attempt.pid);
      killOrphanedAgent(attempt.dir);
      this.running.delete(attempt.id);
      await cleanUpRemoteAttempt(this.paths, attempt);
      this.log(`attempt ${attempt.id} (${attempt.wpId}) was given up by its orchestrator: stopped`);
      return;
    }
    const result = await readWorkerResult(attempt.dir);
    if (result) {
      const report = await finishRemoteAttempt(db, attempt, result);
      await this.report(attempt.id, report);
      this.running.delete(attempt.id);
      await cleanUpRemoteAttempt(this.paths, attempt);
      return;
    }
    if (row.cancelled && !attempt.stopping && attempt.pid > 1) {
      // The wrapper stops the agent's whole process group and records the cancellation.
      stopWorker(attempt.pid);
      attempt.stopping = true;
      this.log(`attempt ${attempt.id} (${attempt.wpId}) stopping on request`);
    }
    if (attempt.pid <= 1 || !isWorkerAlive(attempt.pid)) {
      killOrphanedAgent(attempt.dir);
      await shipLogs(db, attempt);
      await this.report(attempt.id, {
        kind: "lost",
        why: `its worker on runner ${this.options.name} vanished without a result`,
      });
      this.running.delete(attempt.id);
      await cleanUpRemoteAttempt(this.paths, attempt);
    }
  }

  private async takeWork(): Promise<void> {
    const { db, queue, name, capacity } = this.options;
    if (Date.now() - this.drainCheckedAt > 1000) {
      this.drainCheckedAt = Date.now();
      const draining = await isDraining(db, name);
      if (draining !== this.draining)
        this.log(draining ? "draining: finishing running work, taking no more" : "resumed: taking work");
      this.draining = draining;
    }
    while (!this.stopped && !this.draining && this.running.size + this.starting.size < capacity) {
      const job = await queue.fetch();
      if (!job) return;
      // An attempt of an agent this host does not have goes back for a host that has it.
      const run = await db.attempt.findUnique({
        where: { id: job.attemptId },
        select: { workPackage: { select: { run: { select: { options: true } } } } },
      });
      const agent = run ? agentOf(run.workPackage.run.options) : null;
      if (agent && !this.agents.includes(agent)) {
        await queue.send(job.attemptId, { afterSeconds: 2 });
        await queue.complete(job.jobId);
        this.log(
          `attempt ${job.attemptId} needs the ${agent} agent, which this host does not have: left for another host`,
        );
        return;
      }
      // Claimed by its id: a job delivered twice, or for an attempt cancelled or ended meanwhile, claims nothing.
      const { count } = await db.attempt.updateMany({
        where: { id: job.attemptId, remote: true, status: "starting", runner: null, cancelled: false },
        data: { runner: name },
      });
      await queue.complete(job.jobId);
      if (count === 0) continue;
      // Started beside the loop (a first clone can take minutes): the others are watched meanwhile.
      this.starting.set(job.attemptId, this.begin(job.attemptId));
    }
  }

  private async begin(attemptId: string): Promise<void> {
    const { db, name } = this.options;
    try {
      const started = await startRemoteAttempt(db, this.paths, name, attemptId).catch(
        (err: Error): Awaited<ReturnType<typeof startRemoteAttempt>> => ({
          ok: false,
          result: { kind: "lost", why: `runner ${name} could not start it: ${err.message}` },
        }),
      );
      if (!started.ok) {
        if (started.result) await this.report(attemptId, started.result);
        else this.log(`attempt ${attemptId} was given up by its orchestrator before it started`);
        return;
      }
      this.running.set(attemptId, started.attempt);
      this.log(
        `attempt ${attemptId} (${started.attempt.wpId}, ${started.attempt.role}) started, pid ${started.attempt.pid}`,
      );
    } catch (err) {
      this.log(`attempt ${attemptId}: ${(err as Error).message}`);
    } finally {
      this.starting.delete(attemptId);
    }
  }
}

/** The agent kind a run's options name (null when they cannot be read). */
function agentOf(optionsJson: string): string | null {
  try {
    const agent = (JSON.parse(optionsJson) as { agent?: unknown }).agent;
    return typeof agent === "string" ? agent : null;
  } catch {
    return null;
  }
}
