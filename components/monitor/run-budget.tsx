"use client";
// What the run has spent against its budget, how fast it spends, and small forms to change the
// budget and the cap per package. When the budget stopped the run, the same form raises it and
// lets the run go on; raising the cap retries the packages it stopped.
import { useState } from "react";
import { changePackageCapAction, changeRunBudgetAction } from "@/lib/actions/run-controls";
import { formatUsd, suggestedBudget } from "@/lib/core/run/budget";
import { formatMinutesLeft, formatRate } from "@/lib/core/run/burn-rate";
import { ActionForm } from "@/components/ui/action-form";

interface Burn {
  usdPerMinute: number | null;
  tokensPerMinute: number | null;
}

const inputClass =
  "w-28 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";
const linkClass = "text-xs text-indigo-700 hover:underline dark:text-indigo-400";

/**
 * `editable`: the budget can still matter (a failed run can be retried and spend, so only a
 * completed run's budget is final). `raise`: the budget stopped the run; the form continues it.
 */
export function RunBudget({
  runId,
  costUsd,
  budgetUsd,
  packageBudgetUsd = null,
  burn = null,
  forecast = null,
  editable,
  raise = false,
}: {
  runId: string;
  costUsd: number;
  budgetUsd: number | null;
  packageBudgetUsd?: number | null;
  burn?: Burn | null;
  forecast?: { minutesLeft: number } | null;
  editable: boolean;
  raise?: boolean;
}) {
  const [editing, setEditing] = useState<"budget" | "cap" | null>(raise ? "budget" : null);
  // What the last change did, kept after its form closes.
  const [notice, setNotice] = useState("");
  const settled = !editable;
  const suggested = suggestedBudget(costUsd, budgetUsd);
  const rates = burn
    ? [
        burn.usdPerMinute !== null ? formatRate(burn.usdPerMinute, "usd") : null,
        burn.tokensPerMinute !== null ? formatRate(burn.tokensPerMinute, "tokens") : null,
      ].filter(Boolean)
    : [];
  return (
    <div className={`flex flex-wrap items-center gap-2 ${raise ? "mt-2" : ""}`}>
      {!raise && (
        <p className="text-zinc-600 dark:text-zinc-400" data-testid="run-cost">
          Cost {costUsd > 0 ? formatUsd(costUsd) : "$0.00"}
          {budgetUsd !== null ? ` of ${formatUsd(budgetUsd)} budget` : ""}
          {packageBudgetUsd !== null ? `, cap ${formatUsd(packageBudgetUsd)} per package` : ""}
        </p>
      )}
      {!raise && rates.length > 0 && (
        <p className="text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="run-burn">
          {rates.join(" · ")}
          {forecast && <> · budget reached {formatMinutesLeft(forecast.minutesLeft)} at this rate</>}
        </p>
      )}
      <p aria-live="polite" className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="budget-notice">
        {editing === null ? notice : ""}
      </p>
      {!settled && editing === null && (
        <>
          <button type="button" onClick={() => setEditing("budget")} className={linkClass}>
            Change budget
          </button>
          <button type="button" onClick={() => setEditing("cap")} className={linkClass}>
            Change cap per package
          </button>
        </>
      )}
      {!settled && editing === "budget" && (
        <ActionForm
          action={changeRunBudgetAction}
          fields={{ runId }}
          label={raise ? "Raise budget and continue" : "Set budget"}
          pendingLabel="Saving…"
          variant={raise ? "primary" : "secondary"}
          onDone={(message) => {
            setNotice(message);
            setEditing(raise ? "budget" : null);
          }}
          className="flex-row items-end gap-2"
        >
          <label className="flex flex-col gap-1 text-xs">
            <span>New budget (USD, blank: no limit)</span>
            <input name="budgetUsd" inputMode="decimal" defaultValue={suggested} className={inputClass} />
          </label>
        </ActionForm>
      )}
      {!settled && editing === "cap" && (
        <ActionForm
          action={changePackageCapAction}
          fields={{ runId }}
          label="Set cap"
          pendingLabel="Saving…"
          variant="secondary"
          onDone={(message) => {
            setNotice(message);
            setEditing(null);
          }}
          className="flex-row items-end gap-2"
        >
          <label className="flex flex-col gap-1 text-xs">
            <span>Cap per package (USD, blank: no cap)</span>
            {packageBudgetUsd !== null && (
              <span className="text-zinc-500 dark:text-zinc-400">
                now {formatUsd(packageBudgetUsd)}; twice that suggested
              </span>
            )}
            <input
              name="packageBudgetUsd"
              inputMode="decimal"
              defaultValue={packageBudgetUsd === null ? "" : String(packageBudgetUsd * 2)}
              className={inputClass}
            />
          </label>
        </ActionForm>
      )}
    </div>
  );
}
