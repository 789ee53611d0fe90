"use client";
// A unified diff as a pull request's "Files changed": a file list that folds away, each file
// collapsible with a "Viewed" mark (a viewed file starts collapsed), unified or split view, and
// syntax highlighting. Everything from the diff is rendered as text.
import { useMemo, useState, type ReactNode } from "react";
import { parseDiff } from "react-diff-view";
import "react-diff-view/style/index.css";
import "./diff-theme.css";
import { isCollapsed } from "@/lib/core/review/viewed-files";
import type { DiffFile } from "@/lib/server/runs/run-diff";
import { FileDiff, pathOf, type ViewType } from "./file-diff";
import { FileList } from "./file-list";
import type { ViewedFiles } from "./use-viewed-files";

const toolButton = "rounded px-2 py-1 text-xs border border-zinc-300 dark:border-zinc-700";

export function DiffView({
  diff,
  files,
  viewed,
  compact = false,
  idPrefix = "",
  toolbar,
}: {
  diff: string;
  files: readonly DiffFile[];
  /** The run's viewed marks for this diff; without them there are no "Viewed" checkboxes. */
  viewed?: ViewedFiles;
  /** A narrow form (the monitor): the file list starts folded, unified view only. */
  compact?: boolean;
  /** Keeps element ids apart when two diffs could share a page. */
  idPrefix?: string;
  toolbar?: ReactNode;
}) {
  const [viewType, setViewType] = useState<ViewType>("unified");
  const [listOpen, setListOpen] = useState(!compact);
  // Files a person opened or closed by hand; the rest follow their viewed mark.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const parsed = useMemo(() => parseDiff(diff), [diff]);
  const stats = useMemo(() => new Map(files.map((f) => [f.path, f])), [files]);
  const viewedPaths = viewed?.paths ?? new Set<string>();
  const idOf = (path: string) => `${idPrefix}file-${path}`;
  const setAll = (collapsed: boolean) =>
    setToggled(Object.fromEntries(parsed.map((file) => [pathOf(file), collapsed])));
  const forget = (path: string) => setToggled(({ [path]: _dropped, ...rest }) => rest);

  return (
    <div
      className={`review-diff grid min-w-0 gap-4 ${listOpen && !compact ? "lg:grid-cols-[16rem_minmax(0,1fr)]" : ""}`}
    >
      <FileList
        files={files}
        idOf={idOf}
        listId={`${idPrefix}changed-files`}
        open={listOpen}
        onOpenChange={setListOpen}
        viewed={viewed ? viewedPaths : null}
        onJump={(path) => setToggled((t) => ({ ...t, [path]: false }))}
      />
      <div className="flex min-w-0 flex-col gap-3">
        <div className="flex flex-wrap items-center justify-end gap-2">
          {toolbar}
          <button type="button" className={toolButton} onClick={() => setAll(true)}>
            Collapse all
          </button>
          <button type="button" className={toolButton} onClick={() => setAll(false)}>
            Expand all
          </button>
          {!compact && (
            <div role="group" aria-label="Diff layout" className="flex gap-1">
              {(["unified", "split"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={viewType === v}
                  onClick={() => setViewType(v)}
                  className={viewType === v ? "rounded bg-indigo-600 px-2 py-1 text-xs text-white" : toolButton}
                >
                  {v === "unified" ? "Unified" : "Split"}
                </button>
              ))}
            </div>
          )}
        </div>
        {viewed?.error && (
          <p role="alert" className="text-xs text-red-800 dark:text-red-300">
            {viewed.error}
          </p>
        )}
        {parsed.map((file) => {
          const path = pathOf(file);
          const stat = stats.get(path);
          return (
            <FileDiff
              key={`${file.oldPath}->${file.newPath}`}
              file={file}
              stats={stat}
              id={idOf(path)}
              viewType={compact ? "unified" : viewType}
              collapsed={isCollapsed(path, viewedPaths, toggled)}
              onToggle={() => setToggled((t) => ({ ...t, [path]: !isCollapsed(path, viewedPaths, t) }))}
              viewed={viewed && stat ? viewedPaths.has(path) : null}
              onViewed={(checked) => {
                forget(path);
                if (stat) viewed?.set(stat, checked);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
