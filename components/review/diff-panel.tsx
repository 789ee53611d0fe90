"use client";
// A loaded diff: "No changes" (and what that means) when there is nothing in it, else the files,
// with a note on files the whitespace option hides and on a diff cut short.
import type { ReactNode } from "react";
import { describeHiddenWhitespace, describeNoChanges } from "@/lib/core/review/no-changes";
import type { DiffResult } from "@/lib/server/runs/run-diff";
import { DiffView } from "./diff-view";
import type { ViewedFiles } from "./use-viewed-files";

export function DiffPanel({
  result,
  viewed,
  toolbar,
  compact,
  idPrefix,
}: {
  result: DiffResult;
  viewed?: ViewedFiles;
  toolbar?: ReactNode;
  compact?: boolean;
  idPrefix?: string;
}) {
  const hidden = result.whitespaceOnly.length;
  if (result.files.length === 0 && result.diff.trim() === "") {
    const { title, detail } = describeNoChanges(result.subject, hidden);
    return (
      <div className="flex flex-col gap-2">
        {toolbar && <div className="flex flex-wrap justify-end gap-2">{toolbar}</div>}
        <div
          role="status"
          data-testid="no-changes"
          className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center dark:border-zinc-700 dark:bg-zinc-900"
        >
          <p className="font-medium">{title}</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">{detail}</p>
        </div>
      </div>
    );
  }
  const note = [
    describeHiddenWhitespace(hidden),
    result.truncated ? "The diff is very large; only the first part is shown." : null,
  ].filter(Boolean);
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {note.length > 0 && (
        <p className="text-xs text-zinc-600 dark:text-zinc-300" data-testid="diff-note">
          {note.join(" ")}
        </p>
      )}
      <DiffView
        diff={result.diff}
        files={result.files}
        viewed={viewed}
        toolbar={toolbar}
        compact={compact}
        idPrefix={idPrefix}
      />
    </div>
  );
}
