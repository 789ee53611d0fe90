"use client";
// One file of a diff: a header that collapses it, its +/− counts and a "Viewed" checkbox, and
// its hunks with syntax highlighting (computed only while it is open).
import { useMemo } from "react";
import { Diff, Hunk, tokenize, type FileData } from "react-diff-view";
import type { DiffFile } from "@/lib/server/runs/run-diff";
import { languageOf, refractorAdapter } from "./highlight";
import { LineCounts } from "./line-counts";

export type ViewType = "unified" | "split";

/** The path a parsed file is shown under (its new path, or the old one when it was deleted). */
export const pathOf = (file: FileData) => (file.newPath === "/dev/null" ? file.oldPath : file.newPath);

function FileHunks({ file, path, viewType }: { file: FileData; path: string; viewType: ViewType }) {
  const tokens = useMemo(() => {
    const language = languageOf(path);
    if (!language || file.hunks.length === 0) return undefined;
    try {
      return tokenize(file.hunks, { highlight: true, refractor: refractorAdapter, language });
    } catch {
      return undefined;
    }
  }, [file, path]);
  if (file.hunks.length === 0)
    return (
      <p className="px-3 py-2 text-xs text-zinc-600 dark:text-zinc-300">
        No text changes to show (a binary file or a mode change).
      </p>
    );
  return (
    <Diff viewType={viewType} diffType={file.type} hunks={file.hunks} tokens={tokens}>
      {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
    </Diff>
  );
}

export function FileDiff({
  file,
  stats,
  id,
  viewType,
  collapsed,
  onToggle,
  viewed,
  onViewed,
}: {
  file: FileData;
  stats: DiffFile | undefined;
  id: string;
  viewType: ViewType;
  collapsed: boolean;
  onToggle: () => void;
  viewed: boolean | null;
  onViewed: (viewed: boolean) => void;
}) {
  const path = pathOf(file);
  const kind =
    file.type === "add" ? "added" : file.type === "delete" ? "deleted" : file.type === "rename" ? "renamed" : "changed";
  return (
    <section
      id={id}
      tabIndex={-1}
      aria-label={path}
      data-viewed={viewed ? "true" : "false"}
      data-collapsed={collapsed ? "true" : "false"}
      className="scroll-mt-4 overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-zinc-200 bg-zinc-50 px-2 py-1.5 text-xs dark:border-zinc-800 dark:bg-zinc-900">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={!collapsed}
          aria-controls={`${id}-body`}
          aria-label={`${collapsed ? "Expand" : "Collapse"} ${path}`}
          className="rounded px-1 text-zinc-700 hover:bg-zinc-200 dark:text-zinc-200 dark:hover:bg-zinc-800"
        >
          <span aria-hidden="true">{collapsed ? "▸" : "▾"}</span>
        </button>
        <h3 className="min-w-0 flex-1 font-mono [overflow-wrap:anywhere]">
          {path}
          {file.type === "rename" && (
            <span className="text-zinc-600 dark:text-zinc-300"> (from {file.oldPath})</span>
          )}{" "}
          <span className="whitespace-nowrap text-zinc-600 dark:text-zinc-300">({kind})</span>
        </h3>
        {stats && <LineCounts additions={stats.additions} deletions={stats.deletions} />}
        {viewed !== null && (
          <label className="flex cursor-pointer items-center gap-1 rounded border border-zinc-300 px-1.5 py-0.5 dark:border-zinc-700">
            <input
              type="checkbox"
              checked={viewed}
              onChange={(e) => onViewed(e.target.checked)}
              aria-label={`Viewed ${path}`}
            />
            Viewed
          </label>
        )}
      </header>
      {!collapsed && (
        <div id={`${id}-body`} className="overflow-x-auto bg-white text-xs dark:bg-zinc-950">
          <FileHunks file={file} path={path} viewType={viewType} />
        </div>
      )}
    </section>
  );
}
