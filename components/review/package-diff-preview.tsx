"use client";
// A package's diff in the monitor, beside Approve and Reject: compact, with its viewed marks
// shared with the Review tab, and a link there for the full view.
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { DiffPanel } from "./diff-panel";
import { useDiff } from "./use-diff";
import { useViewedFiles } from "./use-viewed-files";
import { WhitespaceToggle } from "./whitespace-toggle";

export function PackageDiffPreview({ runId, wpId, revision }: { runId: string; wpId: string; revision: number }) {
  const [hideWhitespace, setHideWhitespace] = useState(false);
  const diff = useDiff(runId, wpId, hideWhitespace, { revision });
  const viewed = useViewedFiles(runId, wpId, diff.data?.files ?? NO_FILES);
  const reviewHref = `/runs/${runId}/review?wp=${encodeURIComponent(wpId)}${hideWhitespace ? "&whitespace=hide" : ""}`;
  return (
    <section aria-label={`Changes in ${wpId}`} className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">Changes to review</h3>
        <Link href={reviewHref} className="text-xs text-indigo-700 hover:underline dark:text-indigo-300">
          Open in the Review tab
        </Link>
      </div>
      {diff.isLoading && (
        <p role="status" className="text-xs text-zinc-600 dark:text-zinc-300">
          Loading the diff…
        </p>
      )}
      {diff.error && <Alert tone="error">{diff.error.message}</Alert>}
      {diff.data && (
        <div className="max-h-[32rem] min-w-0 overflow-y-auto rounded-md">
          <DiffPanel
            result={diff.data}
            viewed={viewed}
            compact
            idPrefix={`monitor-${wpId}-`}
            toolbar={<WhitespaceToggle hidden={hideWhitespace} onChange={setHideWhitespace} />}
          />
        </div>
      )}
    </section>
  );
}

const NO_FILES: never[] = [];
