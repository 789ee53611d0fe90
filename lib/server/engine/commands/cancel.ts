// Cancelling a whole run or one package. Stopping a worker is a signal to its wrapper, which any
// process may send; the orchestrator holding the lease records the outcome on its next tick.
import { describePackageStatus } from "@/lib/core/run/statuses";
import { attemptReasonColumns, movePackage, moveRun } from "@/lib/server/engine/state/transition";
import type { StopReason } from "@/lib/core/run/stop-reasons";
import { UserError } from "@/lib/server/errors";
import { stopWorker } from "@/lib/node/process/worker-process";
import { holdsSlot, isCancellable } from "@/lib/core/run/statuses";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

/** Marks the attempt as cancelled first (so a worker that dies before recording still reads as
 * cancelled, not lost), with why when it was not the user, then signals its wrapper. */
export async function stopAttempt(
  ctx: EngineContext,
  attempt: { id: string; pid: number | null; remote: boolean },
  reason?: StopReason,
): Promise<void> {
  await ctx.db.attempt.update({
    where: { id: attempt.id },
    data: { cancelled: true, ...(reason ? attemptReasonColumns(reason) : {}) },
  });
  signalWorker(attempt);
}

/**
 * Signals an attempt's wrapper on this machine. A runner host's worker is stopped by its runner,
 * which watches the attempt's cancelled flag (its pid is of another machine).
 */
export function signalWorker(attempt: { pid: number | null; remote: boolean }): void {
  if (attempt.pid && !attempt.remote) stopWorker(attempt.pid);
}

export async function requestRunCancel(ctx: EngineContext, runId: string): Promise<void> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const { run } = snapshot;
  if (run.status === "planned" || run.status === "draft") {
    await moveRun(ctx.db, runId, "cancelled", {
      reason: { code: "cancelled", scope: "before_launch" },
      finishedAt: ctx.now(),
    });
  } else if (run.status === "running") {
    await ctx.db.run.update({ where: { id: runId }, data: { cancelRequestedAt: ctx.now() } });
    for (const pkg of snapshot.packages)
      if (holdsSlot(pkg.status) && pkg.latestAttempt && ["starting", "running"].includes(pkg.latestAttempt.status))
        await stopAttempt(ctx, pkg.latestAttempt);
  } else {
    throw new UserError(`Run ${run.slug} is already ${run.status}`, "conflict");
  }
  await appendEvent(ctx.db, { type: "run.cancel_requested", projectId: run.projectId, runId });
  ctx.notify(runId);
}

export async function cancelPackage(ctx: EngineContext, runId: string, wpId: string): Promise<void> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const pkg = snapshot.packages.find((p) => p.wpId === wpId);
  if (!pkg) throw new UserError(`This run has no package ${wpId}`, "not_found");
  if (!isCancellable(pkg.status)) {
    throw new UserError(
      `${wpId} is ${describePackageStatus(pkg.status)}: only a pending, blocked or running package can be cancelled`,
      "conflict",
    );
  }
  const active = pkg.latestAttempt && ["starting", "running"].includes(pkg.latestAttempt.status);
  if (holdsSlot(pkg.status) && active) await stopAttempt(ctx, pkg.latestAttempt!);
  else {
    // Waiting to start, or between two steps (a conflict round waiting its turn): nothing to stop.
    await movePackage(ctx.db, pkg, "cancelled", { reason: { code: "cancelled", scope: "package" } });
  }
  await appendEvent(ctx.db, { type: "package.cancel_requested", runId, workPackageId: pkg.id, payload: { wpId } });
  ctx.notify(runId);
}
