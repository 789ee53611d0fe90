"use client";
// A package's expected outputs as chips: click a chip to edit it, × to remove it, type a path
// and press Enter to add one. Chips with a problem are outlined in red and say why.
import { useState } from "react";
import { checkOutputPath } from "@/lib/core/wbs/output-path";
import { fieldId } from "./field-id";

export function OutputChips({
  wpId,
  outputs,
  onAdd,
  onEdit,
  onRemove,
}: {
  wpId: string;
  outputs: string[];
  onAdd: (path: string) => void;
  onEdit: (index: number, path: string) => void;
  onRemove: (index: number) => void;
}) {
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <div className="flex min-w-56 flex-wrap items-center gap-1.5">
      {outputs.map((path, index) => {
        const problem = checkOutputPath(path);
        const tone =
          problem?.severity === "error"
            ? "border-red-500 bg-red-50 dark:bg-red-950/40"
            : problem
              ? "border-amber-400 bg-amber-50 dark:bg-amber-950/40"
              : "border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-800";
        return editing === index ? (
          <input
            key={index}
            autoFocus
            aria-label={`Edit file path ${index + 1} of ${wpId}`}
            value={path}
            onChange={(e) => onEdit(index, e.target.value)}
            onBlur={() => setEditing(null)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === "Escape") setEditing(null);
            }}
            className="w-56 rounded border border-indigo-500 bg-white px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-950"
          />
        ) : (
          <span
            key={index}
            className={`inline-flex items-center rounded border font-mono text-xs ${tone}`}
            title={problem?.message}
          >
            <button
              type="button"
              onClick={() => setEditing(index)}
              className="px-1.5 py-0.5"
              aria-label={`Edit ${path || "empty path"} (${wpId})`}
            >
              {path || <em className="text-zinc-600 dark:text-zinc-400">empty</em>}
            </button>
            <button
              type="button"
              onClick={() => onRemove(index)}
              className="px-1 text-zinc-500 hover:text-red-600"
              aria-label={`Remove ${path} from ${wpId}`}
            >
              ×
            </button>
          </span>
        );
      })}
      <input
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            if (draft.trim()) {
              onAdd(draft);
              setDraft("");
            }
          }
        }}
        id={fieldId(wpId, "expected_outputs")}
        placeholder="add a file…"
        aria-label={`Add a file path to ${wpId}`}
        className="w-32 rounded border border-dashed border-zinc-300 bg-transparent px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700"
      />
    </div>
  );
}
