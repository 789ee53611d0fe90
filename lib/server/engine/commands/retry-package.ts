// Retrying a package that did not merge: it goes back to pending and the next tick starts a new
// attempt from the current feature branch, in a fresh worktree, or (when the user chooses to
// continue the agent's session) in the worktree the last attempt left. Merged packages are
// never rerun. A run stopped by its budget needs a higher budget first (run-budget.ts).
import { describePackageStatus } from "@/lib/core/run/statuses";
import { movePackage, moveRun } from "@/lib/server/engine/state/transition";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { resumableSession } from "@/lib/core/agents/resume";
import { formatUsd, overBudget, overPackageCap } from "@/lib/core/run/budget";
import { packageSpent } from "@/lib/server/engine/reconcile/budget-stop";
import { budgetReached } from "@/lib/core/run/stop-reasons";
import { isRetryable } from "@/lib/core/run/statuses";
import { parseReviewState } from "@/lib/core/review/review-state";
import { UserError } from "@/lib/server/errors";
import { afterFreshRetry, parseConflictState } from "@/lib/core/conflicts/conflict-state";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { loadRunSnapshot, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export interface RetryOptions {
  /** Continue the last attempt's agent session instead of starting fresh (the default). */
  resumeSession?: boolean;
}

/** A package whose attempts already reached the cap per package: raise it first. */
export function refuseOverCap(snapshot: RunSnapshot, pkg: RunSnapshot["packages"][number]): void {
  const over = overPackageCap(packageSpent(pkg), snapshot.options.packageBudgetUsd);
  if (over)
    throw new UserError(
      `${pkg.wpId} has spent ${formatUsd(over.spentUsd)} of its ${formatUsd(over.capUsd)} cap per package: raise the cap before retrying it (Change cap per package, above the cards; raising it lets the package go on).`,
      "conflict",
    );
}

export function refuseOverBudget(snapshot: RunSnapshot, what: string): void {
  const over = overBudget(snapshot.run.costUsd, snapshot.options.budgetUsd);
  if (over)
    throw new UserError(
      `${budgetReached(over.budgetUsd, over.spentUsd)}. Raise the run's budget before ${what} ("Change budget" on the run page, or flotilla resume --run ${snapshot.run.id} --budget USD).`,
      "conflict",
    );
}

export async function retryPackage(
  ctx: EngineContext,
  runId: string,
  wpId: string,
  options: RetryOptions = {},
): Promise<void> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const pkg = snapshot.packages.find((p) => p.wpId === wpId);
  if (!pkg)
    throw new UserError(
      `Run ${snapshot.run.slug} has no package ${wpId}: its packages are ${snapshot.packages.map((p) => p.wpId).join(", ")}`,
      "not_found",
    );
  if (!isRetryable(pkg.status)) {
    const why =
      pkg.status === "blocked"
        ? "it waits for a dependency that did not merge: retry that one"
        : `it is ${describePackageStatus(pkg.status)}`;
    throw new UserError(
      `${wpId} cannot be retried: ${why}. Only a failed, timed-out, conflicted, test-failed, cancelled or lost package can.`,
      "conflict",
    );
  }
  if (snapshot.run.status === "planned" || snapshot.run.status === "draft")
    throw new UserError("This run has not been launched yet", "conflict");
  refuseOverBudget(snapshot, `retrying ${wpId}`);
  refuseOverCap(snapshot, pkg);
  let resumeSessionId: string | null = null;
  if (options.resumeSession) {
    if (!AGENTS[snapshot.options.agent].capabilities.resume)
      throw new UserError(
        `The ${AGENTS[snapshot.options.agent].label} agent cannot continue a session: retry ${wpId} fresh`,
      );
    resumeSessionId = resumableSession(AGENTS[snapshot.options.agent].capabilities.resume, pkg.latestAttempt);
    if (!resumeSessionId)
      throw new UserError(
        `${wpId}'s last attempt has no agent session to continue (it never started one): retry it fresh`,
      );
  }
  // A retry starts the review loop over (its history stays for the record).
  const review = JSON.stringify({
    ...parseReviewState(pkg.review),
    next: null,
    fixFor: null,
    pendingIssues: [],
    rejections: { spec: 0, quality: 0, human: 0 },
  });
  await movePackage(
    ctx.db,
    pkg,
    "pending",
    { statusReason: null, resumeSessionId, review, conflict: afterFreshRetry(pkg.conflict, ctx.now().toISOString()) },
    {
      type: "package.retry_requested",
      runId,
      workPackageId: pkg.id,
      payload: { wpId, previousStatus: pkg.status, resumeSession: resumeSessionId !== null },
    },
  );
  if (snapshot.run.status !== "running")
    await moveRun(ctx.db, runId, "running", { statusReason: null, finishedAt: null, cancelRequestedAt: null });
  ctx.notify(runId);
}

/** Retries every package that stopped without merging (never one blocked behind them). */
export async function retryFailed(ctx: EngineContext, runId: string): Promise<string[]> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  // A conflict that waits for a person keeps its worktree (their resolution may be under way):
  // its own panel offers a fresh retry among its three ways on.
  const waiting = (p: RunSnapshot["packages"][number]) =>
    p.status === "conflicted" && parseConflictState(p.conflict).current?.phase === "waiting";
  const capped = (p: RunSnapshot["packages"][number]) =>
    overPackageCap(packageSpent(p), snapshot.options.packageBudgetUsd) !== null;
  const retryable = snapshot.packages.filter((p) => isRetryable(p.status) && !waiting(p));
  // Packages at their cap wait for a higher cap; the others are retried.
  if (retryable.length > 0 && retryable.every(capped)) refuseOverCap(snapshot, retryable[0]);
  const failed = retryable.filter((p) => !capped(p)).map((p) => p.wpId);
  const conflicts = snapshot.packages.filter(waiting).map((p) => p.wpId);
  if (failed.length === 0)
    throw new UserError(
      conflicts.length > 0
        ? `${conflicts.join(", ")} ${conflicts.length === 1 ? "waits" : "wait"} for your answer to a conflict: open ${conflicts.length === 1 ? "it" : "each"} and choose Resolve with agent, Retry fresh on the new branch or I resolved it`
        : "No package of this run needs a retry",
      "conflict",
    );
  refuseOverBudget(snapshot, `retrying ${failed.join(", ")}`);
  for (const wpId of failed) await retryPackage(ctx, runId, wpId);
  return failed;
}

/**
 * Reopens an interrupted run: a cancelled run's cancelled and lost packages, and a failed run's
 * lost ones (their workers died with the machine), go back to pending for a fresh attempt.
 * Merged packages are never touched. Returns the packages that start again.
 */
export async function reopenRun(ctx: EngineContext, runId: string): Promise<string[]> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const { status } = snapshot.run;
  if (status !== "cancelled" && status !== "failed") return [];
  const again = snapshot.packages.filter(
    (p) => p.status === "lost" || (status === "cancelled" && p.status === "cancelled"),
  );
  if (again.length === 0 && status === "failed") return [];
  refuseOverBudget(snapshot, "resuming it");
  for (const p of again)
    await movePackage(ctx.db, p, "pending", {
      ...(p.status === "lost"
        ? { reason: { code: "lost" as const, restarting: true, times: 1 } }
        : { statusReason: null }),
    });
  await moveRun(
    ctx.db,
    runId,
    "running",
    { statusReason: null, finishedAt: null, cancelRequestedAt: null },
    { type: "run.resumed", runId, payload: { packages: again.map((p) => p.wpId) } },
  );
  ctx.notify(runId);
  return again.map((p) => p.wpId);
}
