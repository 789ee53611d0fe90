// A run's budget in dollars: once what it has spent reaches the budget, nothing new starts and
// running packages are stopped.

export const formatUsd = (usd: number): string =>
  `$${usd < 1 && usd > 0 ? usd.toFixed(4).replace(/0{1,2}$/, "") : usd.toFixed(2)}`;

/** The budget and the spending when the run must stop spending; null within budget (or none). */
export function overBudget(spentUsd: number, budgetUsd: number | null): { budgetUsd: number; spentUsd: number } | null {
  return budgetUsd === null || spentUsd < budgetUsd ? null : { budgetUsd, spentUsd };
}

/** True for a run its budget stopped (raising the budget lets it go on). */
export function stoppedByBudget(run: { status: string; reasonCode: string | null }): boolean {
  return run.status === "cancelled" && run.reasonCode === "budget";
}

/** What an agent may still spend (undefined: no limit), given to agents that stop themselves. */
export function remainingBudget(spentUsd: number, budgetUsd: number | null): number | undefined {
  return budgetUsd === null ? undefined : Math.max(0, budgetUsd - spentUsd);
}

/** What the next agent of a package may spend: the less of the run's and the package's remainder. */
export function remainingForPackage(
  run: { spentUsd: number; budgetUsd: number | null },
  pkg: { spentUsd: number; capUsd: number | null },
): number | undefined {
  const limits = [remainingBudget(run.spentUsd, run.budgetUsd), remainingBudget(pkg.spentUsd, pkg.capUsd)].filter(
    (v): v is number => v !== undefined,
  );
  return limits.length === 0 ? undefined : Math.min(...limits);
}

/** A package's spend against the cap per package: the cap and the spend once reached; else null. */
export function overPackageCap(spentUsd: number, capUsd: number | null): { capUsd: number; spentUsd: number } | null {
  return capUsd === null || spentUsd < capUsd ? null : { capUsd, spentUsd };
}

/** A budget to offer when raising it: double the old one, or half again what was spent if more. */
export function suggestedBudget(spentUsd: number, budgetUsd: number | null): string {
  return budgetUsd === null ? "" : String(Math.max(budgetUsd * 2, Math.ceil(spentUsd * 1.5 * 100) / 100));
}
