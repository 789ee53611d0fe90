// A run's budget in dollars: once what it has spent reaches the budget, nothing new starts and
// running packages are stopped.

export const formatUsd = (usd: number): string =>
  `$${usd < 1 && usd > 0 ? usd.toFixed(4).replace(/0{1,2}$/, "") : usd.toFixed(2)}`;

/** Why the run must stop spending, or null while it is within its budget (or has none). */
export function budgetExceeded(spentUsd: number, budgetUsd: number | null): string | null {
  if (budgetUsd === null || spentUsd < budgetUsd) return null;
  return `The run's budget of ${formatUsd(budgetUsd)} was reached (${formatUsd(spentUsd)} spent)`;
}

/** True for a run its budget stopped (raising the budget lets it go on). */
export function stoppedByBudget(run: { status: string; statusReason: string | null }): boolean {
  return run.status === "cancelled" && (run.statusReason ?? "").startsWith("The run's budget of ");
}

/** What an agent may still spend (undefined: no limit), given to agents that stop themselves. */
export function remainingBudget(spentUsd: number, budgetUsd: number | null): number | undefined {
  return budgetUsd === null ? undefined : Math.max(0, budgetUsd - spentUsd);
}

/** Why a package was stopped by the budget (by Flotilla, or by the agent at its spending limit). */
export const budgetStopReason = (why: string): string => `Stopped: ${why}`;
export const isBudgetStopReason = (reason: string | null | undefined): boolean =>
  (reason ?? "").startsWith("Stopped: ");

/** A budget to offer when raising it: double the old one, or half again what was spent if more. */
export function suggestedBudget(spentUsd: number, budgetUsd: number | null): string {
  return budgetUsd === null ? "" : String(Math.max(budgetUsd * 2, Math.ceil(spentUsd * 1.5 * 100) / 100));
}
