"use client";
// What the run has spent against its budget, and a small form to change the budget. When the
// budget stopped the run, the same form raises it and lets the run go on.
import { useState } from "react";
import { changeRunBudgetAction } from "@/lib/actions/run-controls";
import { formatUsd, suggestedBudget } from "@/lib/core/run/budget";
import { ActionForm } from "@/components/ui/action-form";

/**
 * `editable`: the budget can still matter (a failed run can be retried and spend, so only a
 * completed run's budget is final). `raise`: the budget stopped the run; the form continues it.
 */
export function RunBudget({
  runId,
  costUsd,
  budgetUsd,
  editable,
  raise = false,
}: {
  runId: string;
  costUsd: number;
  budgetUsd: number | null;
  editable: boolean;
  raise?: boolean;
}) {
  const [editing, setEditing] = useState(raise);
  const settled = !editable;
  const suggested = suggestedBudget(costUsd, budgetUsd);
  return (
    <div className={`flex flex-wrap items-center gap-2 ${raise ? "mt-2" : ""}`}>
      {!raise && (
        <p className="text-zinc-600 dark:text-zinc-400" data-testid="run-cost">
          Cost {costUsd > 0 ? formatUsd(costUsd) : "$0.00"}
          {budgetUsd !== null ? ` of ${formatUsd(budgetUsd)} budget` : ""}
        </p>
      )}
      {!settled && !editing && (
        <button
          type="button"
          onClick={() => setEditing(true)}
          className="text-xs text-indigo-700 hover:underline dark:text-indigo-400"
        >
          Change budget
        </button>
      )}
      {!settled && editing && (
        <ActionForm
          action={changeRunBudgetAction}
          fields={{ runId }}
          label={raise ? "Raise budget and continue" : "Set budget"}
          pendingLabel="Saving…"
          variant={raise ? "primary" : "secondary"}
          onDone={() => setEditing(raise)}
          className="flex-row items-end gap-2"
        >
          <label className="flex flex-col gap-1 text-xs">
            <span>New budget (USD, blank: no limit)</span>
            <input
              name="budgetUsd"
              inputMode="decimal"
              defaultValue={suggested}
              className="w-28 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
            />
          </label>
        </ActionForm>
      )}
    </div>
  );
}
