// Changing what a run may spend. A run that its budget stopped goes on once the new budget is
// above what it has spent.
import { formatUsd, stoppedByBudget } from "@/lib/core/run/budget";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { refuseOverBudget, reopenRun, retryPackage } from "@/lib/server/engine/commands/retry-package";
import { movePackage, moveRun } from "@/lib/server/engine/state/transition";
import { parseReviewState } from "@/lib/core/review/review-state";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { packageSpent } from "@/lib/server/engine/reconcile/budget-stop";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

/** Sets the run's budget in dollars (null: no limit). */
export async function changeRunBudget(ctx: EngineContext, runId: string, budgetUsd: number | null): Promise<void> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const spent = snapshot.run.costUsd;
  if (budgetUsd !== null && budgetUsd <= spent) {
    throw new UserError(
      `This run has already spent ${formatUsd(spent)}: give a budget above that, or leave it blank for no limit`,
      "validation",
      { budgetUsd: `Give more than ${formatUsd(spent)}` },
    );
  }
  await ctx.db.run.update({
    where: { id: runId },
    data: { options: JSON.stringify({ ...snapshot.options, budgetUsd }) },
  });
  await appendEvent(ctx.db, {
    type: "run.budget_changed",
    projectId: snapshot.run.projectId,
    runId,
    payload: { budgetUsd, spentUsd: spent },
  });
  if (stoppedByBudget(snapshot.run)) await reopenRun(ctx, runId);
  ctx.notify(runId);
}

/**
 * Sets the run's cap per package in dollars (null: no cap). Packages its old cap stopped go on
 * when the new one is above what they spent: at the review step they stopped before, or with a
 * fresh attempt. Returns the packages that go on; one that cannot (the run's budget is spent)
 * is named in the error, after the others went on.
 */
export async function changePackageCap(ctx: EngineContext, runId: string, capUsd: number | null): Promise<string[]> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  await ctx.db.$transaction(async (tx) => {
    // Read and written together, so a budget change at the same time is not lost.
    const row = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { options: true } });
    await tx.run.update({
      where: { id: runId },
      data: { options: JSON.stringify({ ...JSON.parse(row.options), packageBudgetUsd: capUsd }) },
    });
  });
  await appendEvent(ctx.db, {
    type: "run.package_cap_changed",
    projectId: snapshot.run.projectId,
    runId,
    payload: { packageBudgetUsd: capUsd },
  });
  const capped = snapshot.packages.filter(
    (p) => p.status === "failed" && p.reasonCode === "package_budget" && (capUsd === null || packageSpent(p) < capUsd),
  );
  const again: string[] = [];
  const problems: string[] = [];
  for (const p of capped) {
    try {
      await continueCapped(ctx, snapshot, p);
      again.push(p.wpId);
    } catch (err) {
      problems.push(`${p.wpId}: ${(err as Error).message}`);
    }
  }
  ctx.notify(runId);
  if (problems.length > 0)
    throw new UserError(
      `The cap per package is now ${capUsd === null ? "off" : formatUsd(capUsd)}${again.length > 0 ? ` and ${again.join(", ")} went on` : ""}, but ${problems.join("; ")}`,
      "conflict",
    );
  return again;
}

/** A package the cap stopped before a review step goes back to it; any other is retried. */
async function continueCapped(ctx: EngineContext, snapshot: RunSnapshot, pkg: RunSnapshot["packages"][number]) {
  const detail = pkg.reasonDetail ? (JSON.parse(pkg.reasonDetail) as { resumeAt?: string }) : {};
  const resumeAt = detail.resumeAt === "reviewing" || detail.resumeAt === "fixing" ? detail.resumeAt : null;
  if (!resumeAt || parseReviewState(pkg.review).next === null) return retryPackage(ctx, snapshot.run.id, pkg.wpId);
  refuseOverBudget(snapshot, `continuing ${pkg.wpId}`);
  await movePackage(
    ctx.db,
    pkg,
    resumeAt,
    { statusReason: null },
    {
      type: "package.retry_requested",
      runId: snapshot.run.id,
      workPackageId: pkg.id,
      payload: { wpId: pkg.wpId, previousStatus: pkg.status, resumeSession: false },
    },
  );
  if (snapshot.run.status !== "running")
    await moveRun(ctx.db, snapshot.run.id, "running", {
      statusReason: null,
      finishedAt: null,
      cancelRequestedAt: null,
    });
}
