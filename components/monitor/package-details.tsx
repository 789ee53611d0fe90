"use client";
// The selected package: why it stopped (exit code, reason, conflicting files, failing test
// output), its conflicts and how they ended, its changed files, its attempts, and Retry / Cancel
// (or, for a conflict waiting for a person, the conflict panel's three ways on).
import Link from "next/link";
import { cancelWorkPackageAction, retryWorkPackageAction } from "@/lib/actions/run-controls";
import type { PackageState } from "@/lib/server/runs/get-run-state";
import { ActionForm } from "@/components/ui/action-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { ReviewPanel } from "./review-panel";
import { ConflictPanel } from "./conflict-panel";
import { describeConflict } from "@/lib/core/conflicts/conflict-state";
import { formatUsd } from "@/lib/core/run/budget";
import { formatTokens } from "@/lib/core/run/usage";
import { isCancellable, isRetryable } from "@/lib/core/run/statuses";
import { namesExitCode } from "@/lib/core/run/stop-reasons";

const fileList = (files: string[]) => (
  <ul className="mt-1 font-mono text-xs">
    {files.map((f) => (
      <li key={f}>{f}</li>
    ))}
  </ul>
);

export function PackageDetails({ runId, pkg }: { runId: string; pkg: PackageState }) {
  const { outcome } = pkg;
  return (
    <section
      aria-label={`Details of ${pkg.wpId}`}
      className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold">
            <span className="font-mono">{pkg.wpId}</span> {pkg.name}
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{pkg.scope}</p>
        </div>
        <div className="flex items-start gap-2">
          <StatusBadge status={pkg.status} />
          {isRetryable(pkg.status) && !(pkg.status === "conflicted" && pkg.openConflict) && (
            <ActionForm
              action={retryWorkPackageAction}
              fields={{ runId, wpId: pkg.wpId }}
              label="Retry"
              pendingLabel="Retrying…"
              variant="primary"
            >
              {pkg.resumableSession && (
                <label
                  className="flex items-center gap-1.5 text-xs"
                  title={`claude --resume ${pkg.resumableSession}, in the worktree it left`}
                >
                  <input type="checkbox" name="resumeSession" />
                  Continue its session
                </label>
              )}
            </ActionForm>
          )}
          {isCancellable(pkg.status) && (
            <ActionForm
              action={cancelWorkPackageAction}
              fields={{ runId, wpId: pkg.wpId }}
              label="Cancel package"
              variant="danger"
              confirm={`Stop ${pkg.wpId}?`}
            />
          )}
        </div>
      </div>
      {pkg.statusReason && (
        <p
          role={isRetryable(pkg.status) ? "alert" : undefined}
          data-testid="status-reason"
          className={`rounded-md px-3 py-2 text-sm [overflow-wrap:anywhere] ${isRetryable(pkg.status) ? "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200" : "bg-zinc-50 dark:bg-zinc-800"}`}
        >
          {pkg.statusReason}
          {pkg.exitCode !== null && pkg.status === "failed" && !namesExitCode(pkg.reasonCode)
            ? ` (exit code ${pkg.exitCode})`
            : ""}
        </p>
      )}
      {(pkg.costUsd !== null || pkg.tokens || pkg.sessionId) && (
        <p className="flex flex-wrap gap-x-4 text-xs text-zinc-600 dark:text-zinc-400" data-testid="package-usage">
          {pkg.costUsd !== null && <span>Cost {formatUsd(pkg.costUsd)}</span>}
          {pkg.tokens && (
            <span>
              {formatTokens(pkg.tokens.input)} input / {formatTokens(pkg.tokens.output)} output tokens
            </span>
          )}
          {pkg.sessionId && (
            <span>
              Session <span className="font-mono">{pkg.sessionId}</span>
            </span>
          )}
        </p>
      )}
      <ReviewPanel runId={runId} pkg={pkg} />
      <ConflictPanel runId={runId} pkg={pkg} />
      {pkg.conflicts.length > 0 && (
        <div className="text-sm">
          <p className="font-medium">Conflicts</p>
          <ul className="mt-1 flex flex-col gap-0.5 text-xs" data-testid="package-conflicts">
            {pkg.conflicts.map((c, i) => (
              <li key={i}>
                <time dateTime={c.detectedAt} className="tabular-nums text-zinc-500 dark:text-zinc-400">
                  {c.detectedAt.slice(11, 19)}
                </time>{" "}
                {describeConflict(c, formatUsd)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcome.testNote && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
          Merged {outcome.testNote}
        </p>
      )}
      {outcome.conflictFiles.length > 0 && !pkg.openConflict && (
        <div className="text-sm">
          <p className="font-medium">Conflicting files</p>
          {fileList(outcome.conflictFiles)}
        </div>
      )}
      {pkg.status === "test_failed" && outcome.testOutput && (
        <details open className="text-sm">
          <summary className="cursor-pointer font-medium">Test output after the merge</summary>
          <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap rounded bg-zinc-950 p-2 text-xs text-zinc-100">
            {outcome.testOutput}
          </pre>
        </details>
      )}
      <div className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
        <div>
          <p className="font-medium">Files changed ({outcome.changedFiles.length})</p>
          {outcome.changedFiles.length > 0 ? (
            fileList(outcome.changedFiles)
          ) : (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">None yet</p>
          )}
          {outcome.outOfScopeFiles.length > 0 && (
            <p className="mt-1 text-xs text-amber-700 dark:text-amber-400">
              Outside its scope: {outcome.outOfScopeFiles.join(", ")}
            </p>
          )}
          {(outcome.changedFiles.length > 0 || pkg.mergeCommit) && (
            <Link
              href={`/runs/${runId}/review?wp=${pkg.wpId}`}
              className="mt-1 inline-block text-xs text-indigo-700 hover:underline dark:text-indigo-400"
            >
              View this package&apos;s diff
            </Link>
          )}
        </div>
        <div>
          <p className="font-medium">Expected outputs</p>
          {fileList(pkg.expectedOutputs)}
        </div>
      </div>
      {pkg.attempts.length > 0 && (
        <table className="text-left text-xs" aria-label={`Attempts of ${pkg.wpId}`}>
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="pr-3 font-medium">Attempt</th>
              <th className="pr-3 font-medium">Role</th>
              <th className="pr-3 font-medium">Outcome</th>
              <th className="pr-3 font-medium">Exit</th>
              <th className="pr-3 font-medium">Cost</th>
              <th className="font-medium">Reason</th>
            </tr>
          </thead>
          <tbody>
            {pkg.attempts.map((a) => (
              <tr key={a.number}>
                <td className="pr-3 tabular-nums">{a.number}</td>
                <td className="pr-3">{a.role}</td>
                <td className="pr-3">{a.status.replace(/_/g, " ")}</td>
                <td className="pr-3 tabular-nums">{a.exitCode ?? "–"}</td>
                <td className="pr-3 tabular-nums">{a.costUsd !== null ? formatUsd(a.costUsd) : "–"}</td>
                <td>{a.failureReason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
