"use client";
// A unified diff shown per file with a file tree (changed lines counted), unified or split view,
// and syntax highlighting. Everything from the diff is rendered as text.
import { useMemo, useState } from "react";
import { Diff, Hunk, parseDiff, tokenize, type FileData } from "react-diff-view";
import "react-diff-view/style/index.css";
import { languageOf, refractorAdapter } from "./highlight";

function FileDiff({ file, viewType }: { file: FileData; viewType: "unified" | "split" }) {
  const path = file.newPath === "/dev/null" ? file.oldPath : file.newPath;
  const tokens = useMemo(() => {
    const language = languageOf(path);
    if (!language || file.hunks.length === 0) return undefined;
    try {
      return tokenize(file.hunks, { highlight: true, refractor: refractorAdapter, language });
    } catch {
      return undefined;
    }
  }, [file, path]);
  return (
    <section
      id={`file-${path}`}
      aria-label={path}
      className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
    >
      <h3 className="border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
        {path}{" "}
        <span className="text-zinc-500">
          ({file.type === "add" ? "added" : file.type === "delete" ? "deleted" : "changed"})
        </span>
      </h3>
      <div className="overflow-x-auto bg-white text-xs dark:bg-zinc-950">
        <Diff viewType={viewType} diffType={file.type} hunks={file.hunks} tokens={tokens}>
          {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
        </Diff>
      </div>
    </section>
  );
}

export function DiffView({
  diff,
  files,
}: {
  diff: string;
  files: Array<{ path: string; additions: number; deletions: number }>;
}) {
  const [viewType, setViewType] = useState<"unified" | "split">("unified");
  const parsed = useMemo(() => parseDiff(diff), [diff]);
  if (parsed.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No changes.</p>;
  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <nav
        aria-label="Changed files"
        className="h-fit rounded-lg border border-zinc-200 bg-white p-2 text-xs dark:border-zinc-800 dark:bg-zinc-900"
      >
        <p className="px-1 pb-1 font-medium">{files.length} file(s)</p>
        <ul>
          {files.map((f) => (
            <li key={f.path}>
              <a
                href={`#file-${f.path}`}
                className="flex justify-between gap-2 rounded px-1 py-0.5 font-mono hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <span className="truncate">{f.path}</span>
                <span className="shrink-0 tabular-nums">
                  <span className="text-emerald-700 dark:text-emerald-400">+{f.additions}</span>{" "}
                  <span className="text-red-700 dark:text-red-400">−{f.deletions}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex min-w-0 flex-col gap-3">
        <div role="group" aria-label="Diff layout" className="flex gap-1 self-end">
          {(["unified", "split"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={viewType === v}
              onClick={() => setViewType(v)}
              className={`rounded px-2 py-1 text-xs ${viewType === v ? "bg-indigo-600 text-white" : "border border-zinc-300 dark:border-zinc-700"}`}
            >
              {v === "unified" ? "Unified" : "Split"}
            </button>
          ))}
        </div>
        {parsed.map((file) => (
          <FileDiff key={`${file.oldPath}->${file.newPath}`} file={file} viewType={viewType} />
        ))}
      </div>
    </div>
  );
}
