"use client";
// The side panel beside the graph: the selected package's whole editor (name, scope, in and out
// of scope, files, dependencies, acceptance), or, with nothing selected, a list to pick one from.
import type { Dispatch } from "react";
import type { PlanEdit, TextField } from "@/lib/core/plan/plan-edits";
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { DependencyPicker, PackageOutputs, PackageText } from "./package-fields";
import { waveColor } from "./wave-colors";

const label = "text-xs font-medium text-zinc-700 dark:text-zinc-300";
/** The text fields, in the panel's order: the first four above the files, acceptance after. */
const TEXT_FIELDS: Array<[TextField, string, number?]> = [
  ["name", "Name"],
  ["scope", "Scope", 3],
  ["in_scope", "In scope", 2],
  ["out_of_scope", "Out of scope", 2],
  ["acceptance", "Acceptance", 2],
];

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
      {TEXT_FIELDS.slice(0, 4).map(([field, text, rows]) => (
        <label key={field} className="flex flex-col gap-1">
          <span className={label}>{text}</span>
          <PackageText
            wpId={wp.id}
            field={field}
            label={text}
            value={wp[field] ?? ""}
            rows={rows}
            dispatch={dispatch}
            invalid={invalid(field)}
          />
        </label>
      ))}
      <div className="flex flex-col gap-1">
        <span className={label}>Expected outputs</span>
        <PackageOutputs wp={wp} dispatch={dispatch} />
      </div>
      <div className="flex flex-col gap-1">
        <span className={label}>Depends on</span>
        <DependencyPicker wp={wp} wbs={wbs} dispatch={dispatch} />
      </div>
      {TEXT_FIELDS.slice(4).map(([field, text, rows]) => (
        <label key={field} className="flex flex-col gap-1">
          <span className={label}>{text}</span>
          <PackageText
            wpId={wp.id}
            field={field}
            label={text}
            value={wp[field] ?? ""}
            rows={rows}
            dispatch={dispatch}
          />
        </label>
      ))}
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
