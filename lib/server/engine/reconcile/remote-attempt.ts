// The orchestrator's side of an attempt a runner host runs: its log pieces are mirrored into the
// attempt folder (so the log panel, the monitor and the activity feed read them as local files),
// and once the runner reports the end, the pushed branch is fetched into the package's worktree
// and the wrapper's result written where a local worker leaves it. collectAttempt then goes on
// exactly as for a local worker. Every step is safe to repeat after a crash.
import { existsSync } from "node:fs";
import { appendFile, mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { LOG_CHUNK_BYTES, LOG_STREAMS, parseDispatch, parseRemoteResult } from "@/lib/core/runners/attempt-job";
import { runnerState } from "@/lib/core/runners/runner-state";
import type { StopReason } from "@/lib/core/run/stop-reasons";
import { resetHard } from "@/lib/node/git/git-ops";
import { fetchBranchTip } from "@/lib/node/git/remote-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import type { Database } from "@/lib/server/db/client";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { queueRunners } from "@/lib/server/runners/remote-dispatch";
import { shippedSize } from "@/lib/server/runs/read-attempt-log";

/** How long an attempt may wait untaken before its job is sent again. */
const RESEND_AFTER_MS = 30_000;

type Attempt = NonNullable<RunSnapshot["packages"][number]["latestAttempt"]>;

export type RemoteAttemptState =
  /** Queued, or running on a runner that beats: nothing to do yet. */
  | { state: "waiting" }
  /** Its result is in the attempt folder: collect it as a local worker's. */
  | { state: "finished" }
  /** Cancelled before any runner took it. */
  | { state: "cancelled" }
  /** The runner could not start it (its agent command, its set-up): the package fails. */
  | { state: "start_failed"; why: string }
  | { state: "lost"; reason: StopReason; runner: string | null };

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** Appends the pieces of each stream the folder does not have yet; returns the bytes per stream it has. */
export async function mirrorAttemptLogs(db: Database, attemptId: string, dir: string): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const stream of LOG_STREAMS) {
    const file = path.join(dir, stream);
    let size = await sizeOf(file);
    sizes[stream] = size;
    // Only the size first: the pieces are read when there is more than the folder has.
    if ((await shippedSize(db, attemptId, stream)) <= size) continue;
    const pieces = await db.attemptLog.findMany({
      where: { attemptId, stream, offset: { gte: Math.max(0, size - LOG_CHUNK_BYTES) } },
      orderBy: { offset: "asc" },
      select: { offset: true, bytes: true },
    });
    for (const piece of pieces) {
      const bytes = Buffer.from(piece.bytes);
      const end = piece.offset + bytes.length;
      if (end <= size) continue;
      // A gap means a piece is not written yet: the rest waits for the next look.
      if (piece.offset > size) break;
      await appendFile(file, bytes.subarray(size - piece.offset));
      size = end;
    }
    sizes[stream] = size;
  }
  return sizes;
}

export async function syncRemoteAttempt(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  attempt: Attempt,
): Promise<RemoteAttemptState> {
  const dir = attempt.dir!;
  const sizes = await mirrorAttemptLogs(ctx.db, attempt.id, dir);
  const result = parseRemoteResult(attempt.remoteResult);
  if (result?.kind === "lost")
    return { state: "lost", reason: { code: "start_failed", why: result.why }, runner: attempt.runner };
  if (result?.kind === "start_failed") return { state: "start_failed", why: result.why };
  if (result?.kind === "finished") {
    // The runner writes its pieces before its result: a shortfall is a database that lost some.
    for (const [stream, bytes] of Object.entries(result.sizes))
      if ((sizes[stream] ?? 0) < bytes)
        return {
          state: "lost",
          reason: { code: "start_failed", why: `the runner's ${stream} did not arrive whole` },
          runner: attempt.runner,
        };
    const dispatch = parseDispatch(attempt.dispatch);
    if (result.pushedCommit && dispatch && attempt.worktreePath) {
      const repo = snapshot.run.project.repoPath;
      try {
        await withRepoLock(repo, async () => {
          const tip = await fetchBranchTip(repo, dispatch.remoteUrl, dispatch.branch);
          if (tip !== result.pushedCommit)
            throw new Error(
              `the remote's ${dispatch.branch} is at ${tip.slice(0, 12)}, not the ${result.pushedCommit!.slice(0, 12)} the runner pushed`,
            );
          await resetHard(attempt.worktreePath!, tip);
        });
      } catch (err) {
        // Its work cannot be had (the remote unreachable from here, the branch moved): a fresh attempt.
        return {
          state: "lost",
          reason: { code: "start_failed", why: `Its work could not be fetched back: ${(err as Error).message}` },
          runner: attempt.runner,
        };
      }
    }
    if (!existsSync(path.join(dir, ".done"))) {
      await writeFile(path.join(dir, "result.json"), JSON.stringify(result.result));
      await writeFile(path.join(dir, "exit-code"), `${String(result.result.exitCode ?? 1)}\n`);
      await writeFile(path.join(dir, ".done"), "");
    }
    return { state: "finished" };
  }
  if (!attempt.runner) {
    if (attempt.cancelled) return { state: "cancelled" };
    // Every runner host went away before one took it: it starts again, on this machine. (Its job
    // stays in the queue; a host that comes back claims nothing, the attempt having ended.)
    if ((await queueRunners(ctx, snapshot.options.agent)).length === 0)
      return {
        state: "lost",
        reason: { code: "start_failed", why: "No runner host is up any more: it starts again on this machine" },
        runner: null,
      };
    // Not taken for a while (its job never sent: an orchestrator that died in between, a failed
    // send): sent again. A second delivery is harmless, the attempt being claimed by its id.
    const dispatch = parseDispatch(attempt.dispatch);
    const sentAt = dispatch?.sentAt ? Date.parse(dispatch.sentAt) : 0;
    if (dispatch && ctx.queue && ctx.now().getTime() - sentAt > RESEND_AFTER_MS) {
      const again = { ...dispatch, sentAt: ctx.now().toISOString() };
      const { count } = await ctx.db.attempt.updateMany({
        where: { id: attempt.id, runner: null, status: "starting" },
        data: { dispatch: JSON.stringify(again) },
      });
      if (count === 1) await (await ctx.queue()).send(attempt.id);
    }
    return { state: "waiting" };
  }
  const runner = await ctx.db.runner.findUnique({
    where: { name: attempt.runner },
    select: { status: true, heartbeatAt: true },
  });
  if (!runner || runnerState(runner, ctx.now()) === "lost")
    return {
      state: "lost",
      reason: { code: "runner_lost", runner: attempt.runner, restarting: true },
      runner: attempt.runner,
    };
  return { state: "waiting" };
}
