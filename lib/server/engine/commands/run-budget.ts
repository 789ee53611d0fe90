// Changing what a run may spend. A run that its budget stopped goes on once the new budget is
// above what it has spent.
import { formatUsd, stoppedByBudget } from "@/lib/core/run/budget";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { reopenRun, retryPackage } from "@/lib/server/engine/commands/retry-package";
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
 * Sets the run's cap per package in dollars (null: no cap). Packages its old cap stopped are
 * retried when the new one is above what they spent; returns them.
 */
export async function changePackageCap(ctx: EngineContext, runId: string, capUsd: number | null): Promise<string[]> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  await ctx.db.run.update({
    where: { id: runId },
    data: { options: JSON.stringify({ ...snapshot.options, packageBudgetUsd: capUsd }) },
  });
  await appendEvent(ctx.db, {
    type: "run.package_cap_changed",
    projectId: snapshot.run.projectId,
    runId,
    payload: { packageBudgetUsd: capUsd },
  });
  const again = snapshot.packages.filter(
    (p) => p.status === "failed" && p.reasonCode === "package_budget" && (capUsd === null || packageSpent(p) < capUsd),
  );
  for (const p of again) await retryPackage(ctx, runId, p.wpId);
  ctx.notify(runId);
  return again.map((p) => p.wpId);
}
