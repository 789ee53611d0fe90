// One attempt on a runner host, from its claimed row to its reported end: a worktree of the
// runner's own clone of the project's remote at the commit the orchestrator pushed, the agent's
// command built here from the run's own settings, the same worker wrapper as on one machine, its
// output shipped into AttemptLog as it grows, and at the end its work committed and pushed back.
import { createHash } from "node:crypto";
import { mkdir, open, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import {
  LOG_CHUNK_BYTES,
  LOG_STREAMS,
  parseDispatch,
  type AttemptDispatch,
  type RemoteResult,
} from "@/lib/core/runners/attempt-job";
import { splitCommandLine } from "@/lib/core/run/command-line";
import { resolveAgentCommand } from "@/lib/node/agents/resolve-agent-command";
import { agentRuntime } from "@/lib/node/flotilla-home";
import { addWorktree, commitAll, removeWorktree, resolveCommit } from "@/lib/node/git/git-ops";
import { ensureBareClone, fetchBranchTip, hasCommit, pushCommit } from "@/lib/node/git/remote-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { launchWorker, stopWorker } from "@/lib/node/process/worker-process";
import type { Database } from "@/lib/server/db/client";
import { appendEvent } from "@/lib/server/events/append-event";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export interface RunnerPaths {
  clone(remoteUrl: string): string;
  worktree(attemptId: string): string;
  attemptDir(attemptId: string): string;
  worktreesDir: string;
  clonesDir: string;
  attemptsDir: string;
}

/** An attempt id as a folder name: ids are cuids; anything else never becomes a path. */
function safeId(id: string): string {
  if (!/^[a-z0-9]{8,64}$/i.test(id)) throw new Error(`not an attempt id: ${JSON.stringify(id.slice(0, 80))}`);
  return id;
}

export function runnerPaths(home: string): RunnerPaths {
  const clonesDir = path.join(home, "clones");
  const worktreesDir = path.join(home, "worktrees");
  return {
    clonesDir,
    worktreesDir,
    attemptsDir: path.join(home, "attempts"),
    clone: (url) => path.join(clonesDir, createHash("sha256").update(url).digest("hex").slice(0, 16)),
    worktree: (id) => path.join(worktreesDir, safeId(id)),
    attemptDir: (id) => path.join(home, "attempts", safeId(id)),
  };
}

/** What the runner keeps in memory about an attempt it runs (rebuilt from the row after a restart). */
export interface RunningAttempt {
  id: string;
  runId: string;
  wpId: string;
  role: string;
  pid: number;
  dir: string;
  worktree: string;
  clone: string;
  dispatch: AttemptDispatch;
  copyFiles: string[];
  /** Bytes of each stream already in AttemptLog. */
  shipped: Record<string, number>;
  stopping: boolean;
}

/** A bare clone of the remote, fetched up to the attempt's branch (one fetch at a time per clone). */
async function prepareClone(paths: RunnerPaths, dispatch: AttemptDispatch): Promise<string> {
  const clone = paths.clone(dispatch.remoteUrl);
  await mkdir(paths.clonesDir, { recursive: true });
  return withRepoLock(clone, async () => {
    await ensureBareClone(dispatch.remoteUrl, clone);
    await fetchBranchTip(clone, dispatch.remoteUrl, dispatch.branch, 600_000);
    if (!(await hasCommit(clone, dispatch.startCommit)))
      throw new Error(`the remote's ${dispatch.branch} does not hold ${dispatch.startCommit.slice(0, 12)}`);
    return clone;
  });
}

/** Bytes of each stream already shipped (what a runner restarted mid-attempt goes on from). */
export async function shippedSoFar(db: Database, attemptId: string): Promise<Record<string, number>> {
  const shipped: Record<string, number> = {};
  for (const stream of LOG_STREAMS) {
    const last = await db.attemptLog.findFirst({
      where: { attemptId, stream },
      orderBy: { offset: "desc" },
      select: { offset: true, bytes: true },
    });
    shipped[stream] = last ? last.offset + Buffer.from(last.bytes).length : 0;
  }
  return shipped;
}

/** Started; or not, with what to report (null: its orchestrator gave it up, nothing to report). */
export type StartOutcome = { ok: true; attempt: RunningAttempt } | { ok: false; result: RemoteResult | null };

/** Prepares the worktree and starts the worker for a claimed attempt. */
export async function startRemoteAttempt(
  db: Database,
  paths: RunnerPaths,
  runner: string,
  attemptId: string,
): Promise<StartOutcome> {
  const row = await db.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { id: true, role: true, dispatch: true, workPackage: { select: { wpId: true, runId: true } } },
  });
  const dispatch = parseDispatch(row.dispatch);
  if (!dispatch) return { ok: false, result: { kind: "start_failed", why: "its job on the attempt cannot be read" } };
  const snapshot = await loadRunSnapshot(db, row.workPackage.runId);
  const { options } = snapshot;
  const dir = paths.attemptDir(attemptId);
  const worktree = paths.worktree(attemptId);
  let clone: string;
  try {
    clone = await prepareClone(paths, dispatch);
    await mkdir(paths.worktreesDir, { recursive: true });
    await withRepoLock(clone, async () => {
      await removeWorktree(clone, worktree);
      await addWorktree(clone, worktree, dispatch.startCommit, { detach: true });
    });
  } catch (err) {
    // The remote unreachable from this host, or its branch gone: another runner may do better.
    return { ok: false, result: { kind: "lost", why: `runner ${runner}: ${(err as Error).message}` } };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const instructionsPath = path.join(dir, "instructions.md");
  await writeFile(instructionsPath, dispatch.prompt);
  const command = AGENTS[options.agent].buildCommand({
    role: dispatch.invocation.role,
    settings: options.agentSettings,
    runId: snapshot.run.id,
    wpId: row.workPackage.wpId,
    instructionsPath,
    runtime: agentRuntime(),
    ...(dispatch.invocation.maxBudgetUsd !== undefined ? { maxBudgetUsd: dispatch.invocation.maxBudgetUsd } : {}),
  });
  if (!command.ok) return { ok: false, result: { kind: "start_failed", why: command.message } };
  let setup: { argv: string[]; timeoutMs: number } | null = null;
  if (options.setupCommand) {
    const split = splitCommandLine(options.setupCommand);
    if (!split.ok) return { ok: false, result: { kind: "start_failed", why: `Set-up command: ${split.message}` } };
    setup = { argv: split.argv, timeoutMs: options.setupTimeoutSeconds * 1000 };
  }
  const resolved = await resolveAgentCommand(options.agent, command);
  const pid = await launchWorker({
    attemptId,
    dir,
    cwd: worktree,
    command: resolved.command,
    args: resolved.args,
    env: resolved.env,
    stdinFile: instructionsPath,
    timeoutMs: options.timeoutSeconds * 1000,
    graceMs: options.graceSeconds * 1000,
    setup,
  });
  const { count } = await db.attempt.updateMany({
    // Only an attempt still waiting for its start: one its orchestrator gave up meanwhile (this
    // host was cut off) is not revived.
    where: { id: attemptId, runner, status: "starting", cancelled: false },
    data: {
      status: "running",
      pid,
      startedAt: new Date(),
      agentProgram: resolved.program,
      agentVersion: resolved.version,
    },
  });
  if (count === 0) {
    stopWorker(pid);
    return { ok: false, result: null };
  }
  await appendEvent(db, {
    type: "package.runner_started",
    runId: snapshot.run.id,
    workPackageId: snapshot.packages.find((p) => p.wpId === row.workPackage.wpId)?.id,
    payload: { wpId: row.workPackage.wpId, role: row.role, runner, pid },
  });
  return {
    ok: true,
    attempt: {
      id: attemptId,
      runId: snapshot.run.id,
      wpId: row.workPackage.wpId,
      role: row.role,
      pid,
      dir,
      worktree,
      clone,
      dispatch,
      copyFiles: options.copyFiles,
      shipped: Object.fromEntries(LOG_STREAMS.map((s) => [s, 0])),
      stopping: false,
    },
  };
}

/** Writes what each stream grew by since the last call into AttemptLog, in pieces. */
export async function shipLogs(db: Database, attempt: RunningAttempt): Promise<void> {
  for (const stream of LOG_STREAMS) {
    const file = path.join(attempt.dir, stream);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      continue;
    }
    if (size <= attempt.shipped[stream]) continue;
    const handle = await open(file, "r");
    try {
      while (attempt.shipped[stream] < size) {
        const offset = attempt.shipped[stream];
        const length = Math.min(LOG_CHUNK_BYTES, size - offset);
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        if (bytesRead === 0) break;
        const bytes = buffer.subarray(0, bytesRead);
        // A piece already there (a restart between writing it and counting it) is skipped.
        await db.attemptLog.create({ data: { attemptId: attempt.id, stream, offset, bytes } }).catch((err: unknown) => {
          if ((err as { code?: string }).code !== "P2002") throw err;
        });
        attempt.shipped[stream] = offset + bytesRead;
      }
    } finally {
      await handle.close();
    }
  }
}

/** After the worker ended: its work committed and pushed back (when it succeeded), its result for the orchestrator. */
export async function finishRemoteAttempt(
  db: Database,
  attempt: RunningAttempt,
  result: { exitCode: number; cancelled: boolean; timedOut: boolean } & Record<string, unknown>,
): Promise<RemoteResult> {
  await shipLogs(db, attempt);
  let pushedCommit: string | null = null;
  if (attempt.dispatch.pushBack && result.exitCode === 0 && !result.cancelled && !result.timedOut) {
    try {
      await commitAll(
        attempt.worktree,
        `${attempt.wpId}: work left uncommitted by the agent, committed by Flotilla on its runner host`,
        attempt.copyFiles,
      );
      pushedCommit = await resolveCommit(attempt.worktree, "HEAD");
      await pushCommit(attempt.clone, attempt.dispatch.remoteUrl, pushedCommit, attempt.dispatch.branch);
    } catch (err) {
      // Not worth running the agent again from the start: the host's git credentials need fixing.
      return {
        kind: "start_failed",
        why: `Its work could not be pushed back from its runner host: ${(err as Error).message}`,
      };
    }
  }
  return { kind: "finished", result, pushedCommit, sizes: { ...attempt.shipped } };
}

/** The attempt's worktree and folder on this host, once its end is reported (or it was lost). */
export async function cleanUpRemoteAttempt(paths: RunnerPaths, attempt: Pick<RunningAttempt, "id" | "clone">) {
  await withRepoLock(attempt.clone, () => removeWorktree(attempt.clone, paths.worktree(attempt.id))).catch(() => {});
  await rm(paths.attemptDir(attempt.id), { recursive: true, force: true });
}
