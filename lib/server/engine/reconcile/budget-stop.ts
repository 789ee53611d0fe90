// A run whose cost reached its budget stops spending: running agents (implementations, reviewers,
// fixes) are stopped, nothing new starts, and once every worker has ended the run settles as
// cancelled with the reason. Raising the budget and resuming continues it.
import { movePackage, moveRun } from "@/lib/server/engine/state/transition";
import type { overBudget } from "@/lib/core/run/budget";
import { holdsSlot } from "@/lib/core/run/statuses";
import { describeStopReason, type StopReason } from "@/lib/core/run/stop-reasons";
import { appendEvent } from "@/lib/server/events/append-event";
import { signalWorker, stopAttempt } from "@/lib/server/engine/commands/cancel";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const active = (p: RunSnapshot["packages"][number]) =>
  p.latestAttempt !== null && ["starting", "running"].includes(p.latestAttempt.status);

/** Stops every running agent of the run (again on each tick until it has ended). */
type OverBudget = NonNullable<ReturnType<typeof overBudget>>;

export async function stopSpending(ctx: EngineContext, snapshot: RunSnapshot, over: OverBudget): Promise<void> {
  for (const pkg of snapshot.packages) {
    const attempt = pkg.latestAttempt;
    if (!attempt || !active(pkg)) continue;
    if (!attempt.cancelled) {
      await stopAttempt(ctx, attempt, { code: "budget", ...over });
      await appendEvent(ctx.db, {
        type: "package.budget_stopped",
        runId: snapshot.run.id,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId },
      });
    } else signalWorker(attempt);
  }
}

type Pkg = RunSnapshot["packages"][number];

/** What a package's attempts (every role) reported spending. */
export function packageSpent(pkg: Pick<Pkg, "attempts">): number {
  return pkg.attempts.reduce((sum, a) => sum + (a.costUsd ?? 0), 0);
}

/**
 * A package whose attempts reached the cap per package: its running agent is stopped (the
 * attempt's reason says why, and the package fails with it when the worker has ended), or, with
 * no agent running, it fails at once. The run's other packages go on.
 */
export async function capPackage(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  step: { stop: boolean; over: { capUsd: number; spentUsd: number }; resumeAt?: "reviewing" | "fixing" },
): Promise<void> {
  const reason: StopReason = {
    code: "package_budget",
    ...step.over,
    ...(step.resumeAt ? { resumeAt: step.resumeAt } : {}),
  };
  const event = {
    type: "package.cap_reached" as const,
    runId: snapshot.run.id,
    workPackageId: pkg.id,
    payload: { wpId: pkg.wpId, ...step.over },
  };
  if (step.stop) {
    const attempt = pkg.latestAttempt!;
    if (!attempt.cancelled) {
      await stopAttempt(ctx, attempt, reason);
      await appendEvent(ctx.db, event);
    } else signalWorker(attempt);
    return;
  }
  // Its last agent was stopped at the cap (announced then) but finished before the signal; the
  // attempt keeps the reason. The package fails now without saying it twice.
  const announced = pkg.latestAttempt?.reasonCode === "package_budget";
  await movePackage(ctx.db, pkg, "failed", { reason }, announced ? undefined : event);
}

/**
 * Once no agent runs any more, settles the run: packages that were waiting are marked as not
 * started, and the run says why it stopped. Returns false while agents are still stopping.
 */
export async function settleOverBudget(ctx: EngineContext, snapshot: RunSnapshot, over: OverBudget): Promise<boolean> {
  if (snapshot.packages.some((p) => active(p) || p.status === "merging")) return false;
  const stopped = snapshot.packages
    .filter((p) => p.status === "cancelled" && p.latestAttempt?.reasonCode === "budget")
    .map((p) => p.wpId);
  const waiting = snapshot.packages.filter((p) => p.status === "pending" || holdsSlot(p.status));
  for (const pkg of waiting) {
    await movePackage(ctx.db, pkg, "cancelled", { reason: { code: "not_started", ...over } });
  }
  const reason: StopReason = { code: "budget", ...over, stopped, notStarted: waiting.map((p) => p.wpId) };
  const message = describeStopReason(reason);
  await moveRun(
    ctx.db,
    snapshot.run.id,
    "cancelled",
    { reason, finishedAt: ctx.now(), cancelRequestedAt: null },
    {
      type: "run.budget_reached",
      projectId: snapshot.run.projectId,
      runId: snapshot.run.id,
      payload: { reason: message },
    },
  );
  return true;
}
