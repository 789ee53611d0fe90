"use client";
// One package on the wave board: status, elapsed time, attempt, exit code, last log lines; for a
// package that stopped, why in words and the last lines of its error output.
import { memo } from "react";
import { describeAttemptCounts, describeReviewRuns } from "@/lib/core/run/attempt-counts";
import { describePredictedConflict } from "@/lib/core/run/conflict-forecast";
import { describeConflict } from "@/lib/core/conflicts/conflict-state";
import { formatUsd } from "@/lib/core/run/budget";
import { formatRate } from "@/lib/core/run/burn-rate";
import { isRetryable } from "@/lib/core/run/statuses";
import type { PackageState } from "@/lib/server/runs/get-run-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { stripAnsi } from "./ansi-line";
import { Elapsed } from "./clock";

function PackageCardView({
  pkg,
  selected,
  onSelect,
}: {
  pkg: PackageState;
  selected: boolean;
  onSelect: (wpId: string) => void;
}) {
  const stopped = isRetryable(pkg.status);
  return (
    <button
      type="button"
      onClick={() => onSelect(pkg.wpId)}
      aria-pressed={selected}
      data-testid={`card-${pkg.wpId}`}
      data-status={pkg.status}
      className={`w-full rounded-lg border bg-white p-3 text-left shadow-sm transition-colors hover:border-indigo-400 dark:bg-zinc-900 ${selected ? "border-indigo-600 ring-1 ring-indigo-600" : "border-zinc-200 dark:border-zinc-800"}`}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{pkg.wpId}</p>
          <p className="truncate text-sm font-medium">{pkg.name}</p>
        </div>
        <StatusBadge status={pkg.phase === "setup" ? "setting_up" : pkg.status} />
      </div>
      <dl className="mt-2 grid grid-cols-3 gap-1 text-xs text-zinc-600 dark:text-zinc-400">
        <div>
          <dt className="sr-only">Elapsed</dt>
          <dd>
            <Elapsed from={pkg.startedAt} to={pkg.status === "running" ? null : pkg.endedAt} />
          </dd>
        </div>
        <div title={describeAttemptCounts(pkg.attemptCounts)}>
          <dt className="inline">Attempts </dt>
          <dd className="inline tabular-nums" data-testid="card-attempts">
            {pkg.attemptCounts.implementations || "–"}
            {pkg.attemptCounts.reviews + pkg.attemptCounts.fixes > 0 && (
              <span className="sr-only"> ({describeAttemptCounts(pkg.attemptCounts)})</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="inline">Exit </dt>
          <dd className="inline tabular-nums">{pkg.exitCode ?? "–"}</dd>
        </div>
      </dl>
      {pkg.agentRan && (
        <p
          className="mt-1 truncate text-[11px] text-zinc-600 dark:text-zinc-400"
          title={pkg.agentRan.program}
          data-testid="agent-version"
        >
          {pkg.agentRan.version ?? pkg.agentRan.program.split("/").pop()}
        </p>
      )}
      {(pkg.runner || pkg.queued) && (
        <p className="mt-1 truncate text-[11px] text-zinc-600 dark:text-zinc-400" data-testid="card-runner">
          {pkg.runner ? `on ${pkg.runner}` : "queued for a runner host"}
        </p>
      )}
      {pkg.attemptCounts.reviews + pkg.attemptCounts.fixes > 0 && (
        <p className="mt-1 text-[11px] text-zinc-600 dark:text-zinc-400" aria-hidden data-testid="card-review-runs">
          {describeReviewRuns(pkg.attemptCounts)}
        </p>
      )}
      {pkg.predictedConflicts.map((c) => (
        <p
          key={c.with ?? "feature"}
          className="mt-1 text-xs text-amber-800 dark:text-amber-300"
          data-testid="card-predicted-conflict"
        >
          Predicted: {describePredictedConflict(c)}
        </p>
      ))}
      {pkg.conflicts.map((c, i) => (
        <p
          key={i}
          className={`mt-1 text-xs ${c.resolvedBy === null ? "text-amber-800 dark:text-amber-300" : "text-zinc-600 dark:text-zinc-400"}`}
          data-testid="card-conflict"
        >
          {describeConflict(c, formatUsd)}
        </p>
      ))}
      {pkg.reasonCode === "admission" && pkg.statusReason && (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300" data-testid="card-waiting-for-machine">
          {pkg.statusReason}
        </p>
      )}
      {WORKING.has(pkg.status) && <BurnLine burn={pkg.burn} />}
      {stopped && pkg.statusReason && (
        <p
          className="mt-2 line-clamp-3 text-xs text-red-800 [overflow-wrap:anywhere] dark:text-red-300"
          data-testid="card-reason"
        >
          {pkg.statusReason}
        </p>
      )}
      {stopped && pkg.errorLines.length > 0 ? (
        <div
          className="mt-2 max-h-24 overflow-hidden rounded border border-red-200 bg-red-50 px-2 py-1 font-mono text-[11px] leading-4 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
          aria-label={`Last error lines, exit code ${pkg.exitCode ?? "none"}`}
          data-testid="card-error-lines"
        >
          {pkg.errorLines.map((l, i) => (
            <p key={i} className="truncate" title={stripAnsi(l)}>
              {stripAnsi(l)}
            </p>
          ))}
        </div>
      ) : (
        <div
          className="mt-2 h-12 overflow-hidden rounded bg-zinc-50 px-2 py-1 font-mono text-[11px] leading-4 text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400"
          aria-label="Last log lines"
        >
          {pkg.lastLines.length > 0 ? (
            pkg.lastLines.map((l, i) => (
              <p key={i} className="truncate">
                {stripAnsi(l)}
              </p>
            ))
          ) : (
            <p className="text-zinc-500 dark:text-zinc-400">
              {pkg.status === "pending" || pkg.status === "blocked" ? "Not started" : "No output"}
            </p>
          )}
        </div>
      )}
    </button>
  );
}

/** Statuses in which one of its agents works (the burn rate is shown then). */
const WORKING = new Set(["running", "reviewing", "fixing", "resolving"]);

/** What a working package's agents spend a minute (once 15 s of spending are seen). */
function BurnLine({ burn }: { burn: PackageState["burn"] }) {
  const parts = [
    burn.usdPerMinute !== null ? formatRate(burn.usdPerMinute, "usd") : null,
    burn.tokensPerMinute !== null ? formatRate(burn.tokensPerMinute, "tokens") : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p className="mt-1 text-[11px] text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="card-burn">
      {parts.join(" · ")}
    </p>
  );
}

export const PackageCard = memo(PackageCardView);
