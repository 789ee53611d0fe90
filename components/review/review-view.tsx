"use client";
// Review: the merged feature branch against the base (with the merges in order and the test
// result after each), or one package's diff; and "Merge into <base>" when the run is complete.
// Which diff and whether whitespace is hidden live in the URL, so a reload keeps them.
import { describePackageStatus, type PackageStatus, type RunStatus } from "@/lib/core/run/statuses";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { mergeIntoBaseAction } from "@/lib/actions/run-controls";
import type { RunDiffResult } from "@/lib/server/runs/run-diff";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { DiffPanel } from "./diff-panel";
import { MergeList } from "./merge-list";
import { useDiff } from "./use-diff";
import { useViewedFiles } from "./use-viewed-files";
import { WhitespaceToggle } from "./whitespace-toggle";

export function ReviewView({
  runId,
  packages,
  status,
  baseBranch,
  featureBranch,
}: {
  runId: string;
  packages: Array<{ wpId: string; name: string; status: PackageStatus }>;
  status: RunStatus;
  baseBranch: string;
  featureBranch: string | null;
}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const wp = params.get("wp");
  // Set at once on a click (the URL follows, for a reload), so the box never lags behind.
  const [hideWhitespace, setHideWhitespace] = useState(params.get("whitespace") === "hide");
  const current = useDiff<RunDiffResult>(runId, wp, hideWhitespace, { enabled: !!wp || featureBranch !== null });
  const viewed = useViewedFiles(runId, wp, current.data?.files ?? NO_FILES);
  const show = (change: { wp?: string | null; whitespace?: boolean }) => {
    const next = new URLSearchParams(params);
    const nextWp = change.wp === undefined ? wp : change.wp;
    const nextHide = change.whitespace ?? hideWhitespace;
    setHideWhitespace(nextHide);
    if (nextWp) next.set("wp", nextWp);
    else next.delete("wp");
    if (nextHide) next.set("whitespace", "hide");
    else next.delete("whitespace");
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
          <span className="font-medium">Show</span>
          <select
            value={wp ?? ""}
            onChange={(e) => show({ wp: e.target.value || null })}
            className="max-w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">The merged feature branch</option>
            {packages.map((p) => (
              <option key={p.wpId} value={p.wpId}>
                {p.wpId} {p.name} ({describePackageStatus(p.status)})
              </option>
            ))}
          </select>
        </label>
        {status === "completed" && (
          <div className="ml-auto">
            <ActionForm
              action={mergeIntoBaseAction}
              fields={{ runId }}
              label={`Merge into ${baseBranch}`}
              variant="primary"
              confirm={`Merge ${featureBranch} into ${baseBranch} with a merge commit?`}
            />
          </div>
        )}
        {status !== "completed" && featureBranch !== null && (
          <p className="ml-auto text-sm text-zinc-600 dark:text-zinc-400" data-testid="merge-into-base-note">
            Merge into {baseBranch} is offered once the run has completed (every package merged)
            {status === "failed" ? ": retry what did not merge, on the Monitor tab" : ""}.
          </p>
        )}
      </div>
      {!wp && featureBranch === null && (
        <Alert tone="info">This run has not started yet: there is nothing to compare.</Alert>
      )}
      {current.isLoading && (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-300">
          Loading the diff…
        </p>
      )}
      {current.error && <Alert tone="error">{current.error.message}</Alert>}
      {current.data && (
        <>
          <p className="text-sm break-words text-zinc-600 dark:text-zinc-300">{current.data.title}</p>
          {!wp && current.data.merges && current.data.merges.length > 0 && <MergeList merges={current.data.merges} />}
          <DiffPanel
            result={current.data}
            viewed={viewed}
            toolbar={<WhitespaceToggle hidden={hideWhitespace} onChange={(hide) => show({ whitespace: hide })} />}
          />
        </>
      )}
    </div>
  );
}

const NO_FILES: never[] = [];
