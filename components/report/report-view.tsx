// The run's results report: totals, and per package its status, summary, files, out-of-scope
// files, conflicts and (for failures) the end of its log. Text only.
import { describeTestGate, type RunReport } from "@/lib/core/run/report";
import { formatDuration } from "@/lib/core/run/format-duration";
import { describeAttemptCounts } from "@/lib/core/run/attempt-counts";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatUsd } from "@/lib/core/run/budget";
import { formatTokens } from "@/lib/core/run/usage";
import { describeConflict } from "@/lib/core/conflicts/conflict-state";

export function ReportView({ report }: { report: RunReport }) {
  const t = report.totals;
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" aria-label="Totals">
        {[
          ["Packages", t.packages],
          ["Merged", t.merged],
          ["Failed", t.failed],
          ["Not started", t.notStarted],
          ["Not finished", t.other],
          ["Waves used", t.waves],
          [
            "Cost",
            `${report.costUsd > 0 ? formatUsd(report.costUsd) : "–"}${report.budgetUsd !== null ? ` / ${formatUsd(report.budgetUsd)}` : ""}`,
          ],
        ].map(([label, value]) => (
          <div
            key={label}
            className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="report-tests">
        Tests: {describeTestGate(report).replace(/`/g, "")}
      </p>
      {report.workPackages.map((p) => (
        <article
          key={p.id}
          aria-label={`${p.id} ${p.name}`}
          className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <header className="flex flex-wrap items-center gap-2">
            <h2 className="font-semibold">
              <span className="font-mono">{p.id}</span> {p.name}
            </h2>
            <StatusBadge status={p.status} />
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              exit {p.exitCode ?? "–"} ·{" "}
              {describeAttemptCounts({ implementations: p.attempts, reviews: p.reviewRuns, fixes: p.fixRuns })} ·{" "}
              {p.durationMs === null ? "–" : formatDuration(p.durationMs)} · {p.outputBytes ?? 0} bytes of output
              {p.costUsd !== null ? ` · ${formatUsd(p.costUsd)}` : ""}
              {p.tokens ? ` · ${formatTokens(p.tokens.input)} in / ${formatTokens(p.tokens.output)} out tokens` : ""}
              {p.sessionId ? ` · session ${p.sessionId}` : ""}
            </span>
          </header>
          {p.statusReason && <p className="mt-2 text-sm text-red-800 dark:text-red-300">{p.statusReason}</p>}
          {p.errorLines.length > 0 && (
            <pre
              aria-label={`Last error output of ${p.id}`}
              className="mt-2 max-h-32 overflow-auto whitespace-pre-wrap rounded border border-red-200 bg-red-50 p-2 font-mono text-xs text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
            >
              {p.errorLines.join("\n")}
            </pre>
          )}
          {p.summary && (
            <p className="mt-2 whitespace-pre-line text-sm text-zinc-700 dark:text-zinc-300">{p.summary}</p>
          )}
          <div className="mt-2 grid gap-2 text-xs sm:grid-cols-3">
            <div>
              <p className="font-medium">Files changed</p>
              <p className="font-mono">{p.changedFiles.join(", ") || "none"}</p>
            </div>
            {p.outOfScopeFiles.length > 0 && (
              <div>
                <p className="font-medium text-amber-700 dark:text-amber-400">Out of scope</p>
                <p className="font-mono">{p.outOfScopeFiles.join(", ")}</p>
              </div>
            )}
            {p.conflictFiles.length > 0 && p.conflicts.length === 0 && (
              <div>
                <p className="font-medium text-red-700 dark:text-red-400">Conflicts</p>
                <p className="font-mono">{p.conflictFiles.join(", ")}</p>
              </div>
            )}
          </div>
          {p.conflicts.length > 0 && (
            <ul className="mt-2 text-xs" aria-label={`Conflicts of ${p.id}`} data-testid="report-conflicts">
              {p.conflicts.map((c, i) => (
                <li key={i}>{describeConflict({ ...c, detectedAt: "", endedAt: null }, formatUsd)}</li>
              ))}
            </ul>
          )}
          {p.reviews.length > 0 && (
            <ul className="mt-2 text-xs" aria-label={`Reviews of ${p.id}`}>
              {p.reviews.map((r, i) => (
                <li key={i}>
                  Review ({r.stage}): {r.verdict}
                  {r.issues.length > 0 ? ` — ${r.issues.map((x) => x.message).join("; ")}` : ""}
                </li>
              ))}
            </ul>
          )}
          {p.logTail && p.status !== "merged" && (
            <details className="mt-2 text-xs">
              <summary className="cursor-pointer">End of its log</summary>
              <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-zinc-950 p-2 text-zinc-100">
                {p.logTail}
              </pre>
            </details>
          )}
        </article>
      ))}
    </div>
  );
}
