// Changing what a run may spend. A run that its budget stopped goes on once the new budget is
// above what it has spent.
import { formatUsd, stoppedByBudget } from "@/lib/core/run/budget";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { reopenRun } from "@/lib/server/engine/commands/retry-package";
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
