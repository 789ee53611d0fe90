// A run's budget in dollars: once what it has spent reaches the budget, nothing new starts and
// running packages are stopped.

export const formatUsd = (usd: number): string => `$${usd < 1 && usd > 0 ? usd.toFixed(4).replace(/0{1,2}$/, "") : usd.toFixed(2)}`;

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
