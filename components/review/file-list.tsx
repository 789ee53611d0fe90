"use client";
// The changed files of a diff with their +/− counts and viewed marks; it folds away as a whole,
// and a click on a file opens that file's diff and jumps to it.
import type { DiffFile } from "@/lib/server/runs/run-diff";
import { LineCounts } from "./line-counts";

export function FileList({
  files,
  idOf,
  listId,
  open,
  onOpenChange,
  viewed,
  onJump,
}: {
  files: readonly DiffFile[];
  idOf: (path: string) => string;
  listId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  viewed: ReadonlySet<string> | null;
  onJump: (path: string) => void;
}) {
  return (
    <nav
      aria-label="Changed files"
      className="h-fit min-w-0 rounded-lg border border-zinc-200 bg-white p-2 text-xs lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto dark:border-zinc-800 dark:bg-zinc-900"
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => onOpenChange(!open)}
        className="flex w-full items-center gap-1 rounded px-1 py-0.5 text-left font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <span aria-hidden="true">{open ? "▾" : "▸"}</span>
        Changed files ({files.length})
        {viewed && (
          <span className="ml-auto font-normal text-zinc-600 dark:text-zinc-300" data-testid="viewed-count">
            {files.filter((f) => viewed.has(f.path)).length} of {files.length} viewed
          </span>
        )}
      </button>
      {open && (
        <ul id={listId} className="mt-1">
          {files.map((f) => (
            <li key={f.path}>
              <a
                href={`#${encodeURIComponent(idOf(f.path))}`}
                onClick={() => onJump(f.path)}
                title={f.path}
                className="flex items-center gap-2 rounded px-1 py-0.5 font-mono hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <span aria-hidden="true" className="w-3 shrink-0 text-emerald-800 dark:text-emerald-300">
                  {viewed?.has(f.path) ? "✓" : ""}
                </span>
                <span className="min-w-0 flex-1 truncate">{f.path}</span>
                {viewed?.has(f.path) && <span className="sr-only">(viewed)</span>}
                <LineCounts additions={f.additions} deletions={f.deletions} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
