"use client";
// A package's review loop: each stage's verdicts with their issues, and, while it waits for a
// person, its diff right above Approve, and Reject with a comment that becomes the agent's next
// instructions.
import { approveWorkPackageAction, rejectWorkPackageAction } from "@/lib/actions/run-controls";
import type { PackageState } from "@/lib/server/runs/get-run-state";
import { ActionForm } from "@/components/ui/action-form";
import { PackageDiffPreview } from "@/components/review/package-diff-preview";

const STAGE: Record<string, string> = { spec: "Spec review", quality: "Quality review", human: "Person" };

export function ReviewPanel({ runId, pkg }: { runId: string; pkg: PackageState }) {
  const { history, rejections, pass } = pkg.review;
  if (history.length === 0 && pkg.status !== "awaiting_approval") return null;
  return (
    <div className="flex flex-col gap-2 text-sm" aria-label={`Reviews of ${pkg.wpId}`}>
      <p className="font-medium">
        Reviews
        {pass === "sequential" && (
          <span className="ml-2 text-xs font-normal text-amber-700 dark:text-amber-400">second pass, alone</span>
        )}
        {(rejections.spec > 0 || rejections.quality > 0) && (
          <span className="ml-2 text-xs font-normal text-zinc-500">
            rejections: spec {rejections.spec}, quality {rejections.quality}
          </span>
        )}
      </p>
      <ol className="flex flex-col gap-1" data-testid="review-history">
        {history.map((r, i) => (
          <li key={i} className="rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800">
            <span className="font-medium">{STAGE[r.stage] ?? r.stage}</span>:{" "}
            <span
              className={
                r.verdict === "approve" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"
              }
            >
              {r.verdict === "none" ? "no readable verdict" : r.verdict === "approve" ? "approved" : "rejected"}
            </span>
            {r.comment && <span className="text-zinc-600 dark:text-zinc-400"> — {r.comment}</span>}
            {r.issues.length > 0 && !r.comment && (
              <ul className="ml-4 list-disc font-mono text-xs">
                {r.issues.map((issue, j) => (
                  <li key={j}>
                    {issue.file ? `${issue.file}${issue.line ? `:${issue.line}` : ""}: ` : ""}
                    {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {pkg.status === "awaiting_approval" && (
        <PackageDiffPreview runId={runId} wpId={pkg.wpId} revision={pkg.attempt} />
      )}
      {pkg.status === "awaiting_approval" && (
        <div className="flex flex-wrap items-start gap-3 rounded-md bg-sky-50 p-3 dark:bg-sky-950/40">
          <ActionForm
            action={approveWorkPackageAction}
            fields={{ runId, wpId: pkg.wpId }}
            label="Approve"
            variant="primary"
          />
          <ActionForm
            action={rejectWorkPackageAction}
            fields={{ runId, wpId: pkg.wpId }}
            label="Reject"
            variant="danger"
            className="flex-1"
          >
            <label className="flex flex-col gap-1 text-xs">
              <span>What should change?</span>
              <textarea
                name="comment"
                rows={2}
                required
                className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
                aria-label={`What should change in ${pkg.wpId}`}
              />
            </label>
          </ActionForm>
        </div>
      )}
    </div>
  );
}
