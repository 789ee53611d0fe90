"use client";
// The side panel beside the graph: the selected package's whole editor (name, scope, in and out
// of scope, files, dependencies, acceptance), or, with nothing selected, a list to pick one from.
import type { Dispatch } from "react";
import type { PlanEdit } from "@/lib/core/plan/plan-edits";
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { OutputChips } from "./output-chips";
import { DependencyPicker, PackageText } from "./package-fields";
import { waveColor } from "./wave-colors";

const label = "text-xs font-medium text-zinc-700 dark:text-zinc-300";

export function PackageEditor({
  wbs,
  selected,
  waves,
  problems,
  dispatch,
  onSelect,
}: {
  wbs: WorkBreakdown;
  selected: string | null;
  waves: Map<string, number>;
  problems: WbsProblem[];
  dispatch: Dispatch<PlanEdit>;
  onSelect: (wpId: string | null) => void;
}) {
  const wp = wbs.work_packages.find((p) => p.id === selected);
  if (!wp) {
    return (
      <section
        aria-label="Packages"
        className="rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 className="font-medium">Select a package to edit it</h2>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Click a package in the graph, or pick one here.</p>
        <ul className="mt-2 flex flex-col gap-1">
          {wbs.work_packages.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => onSelect(p.id)}
                className="w-full rounded px-2 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <span className="font-mono text-xs">{p.id}</span> {p.name || "unnamed"}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const invalid = (field: string) =>
    problems.some((p) => p.severity === "error" && p.wpId === wp.id && p.field?.startsWith(field));
  const wave = waves.get(wp.id);
  return (
    <section
      aria-label={`Edit ${wp.id}`}
      className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center gap-2">
        <h2 className="font-mono font-medium">{wp.id}</h2>
        <span className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: waveColor(wave) }} />
          {wave ? `Wave ${wave}` : "No wave"}
        </span>
        <button
          type="button"
          onClick={() => onSelect(null)}
          className="ml-auto rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          Close
        </button>
      </div>
      <label className="flex flex-col gap-1">
        <span className={label}>Name</span>
        <PackageText
          wpId={wp.id}
          field="name"
          label="Name"
          value={wp.name}
          dispatch={dispatch}
          invalid={invalid("name")}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className={label}>Scope</span>
        <PackageText
          wpId={wp.id}
          field="scope"
          label="Scope"
          value={wp.scope}
          rows={3}
          dispatch={dispatch}
          invalid={invalid("scope")}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className={label}>In scope</span>
        <PackageText
          wpId={wp.id}
          field="in_scope"
          label="In scope"
          value={wp.in_scope ?? ""}
          rows={2}
          dispatch={dispatch}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className={label}>Out of scope</span>
        <PackageText
          wpId={wp.id}
          field="out_of_scope"
          label="Out of scope"
          value={wp.out_of_scope ?? ""}
          rows={2}
          dispatch={dispatch}
        />
      </label>
      <div className="flex flex-col gap-1">
        <span className={label}>Expected outputs</span>
        <OutputChips
          wpId={wp.id}
          outputs={wp.expected_outputs}
          onAdd={(path) => dispatch({ type: "add-output", wpId: wp.id, path })}
          onEdit={(index, path) => dispatch({ type: "edit-output", wpId: wp.id, index, path })}
          onRemove={(index) => dispatch({ type: "remove-output", wpId: wp.id, index })}
        />
      </div>
      <div className="flex flex-col gap-1">
        <span className={label}>Depends on</span>
        <DependencyPicker wp={wp} wbs={wbs} dispatch={dispatch} />
      </div>
      <label className="flex flex-col gap-1">
        <span className={label}>Acceptance</span>
        <PackageText
          wpId={wp.id}
          field="acceptance"
          label="Acceptance"
          value={wp.acceptance ?? ""}
          rows={2}
          dispatch={dispatch}
        />
      </label>
      <button
        type="button"
        onClick={() => {
          dispatch({ type: "remove-package", wpId: wp.id });
          onSelect(null);
        }}
        className="self-start rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/50"
        aria-label={`Remove ${wp.id}`}
      >
        Remove package
      </button>
    </section>
  );
}
