"use client";
// The plan editor's inputs for one package's fields, shared by the side panel and the table.
// Each has an id (field-WP-N-name…) so a problem can link straight to it.
import type { Dispatch } from "react";
import type { PlanEdit, TextField } from "@/lib/core/plan/plan-edits";
import type { WorkBreakdown, WorkPackageSpec } from "@/lib/core/wbs/wbs-schema";
import { fieldId } from "./field-id";
import { OutputChips } from "./output-chips";

const textInput =
  "w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950";

export function PackageText({
  wpId,
  field,
  value,
  label,
  rows,
  dispatch,
  invalid,
}: {
  wpId: string;
  field: TextField;
  value: string;
  label: string;
  rows?: number;
  dispatch: Dispatch<PlanEdit>;
  invalid?: boolean;
}) {
  const common = {
    id: fieldId(wpId, field),
    value,
    "aria-label": `${label} of ${wpId}`,
    "aria-invalid": invalid || undefined,
    className: `${textInput} ${invalid ? "border-red-500" : ""}`,
  };
  return rows ? (
    <textarea
      {...common}
      rows={rows}
      onChange={(e) => dispatch({ type: "set-field", wpId, field, value: e.target.value })}
    />
  ) : (
    <input {...common} onChange={(e) => dispatch({ type: "set-field", wpId, field, value: e.target.value })} />
  );
}

/** A package's dependencies as removable chips, and a picker to add one (the keyboard way to connect). */
export function DependencyPicker({
  wp,
  wbs,
  dispatch,
}: {
  wp: WorkPackageSpec;
  wbs: WorkBreakdown;
  dispatch: Dispatch<PlanEdit>;
}) {
  const others = wbs.work_packages.filter((o) => o.id !== wp.id && !wp.dependencies.includes(o.id));
  return (
    <div>
      <div className="flex flex-wrap gap-1">
        {wp.dependencies.map((d) => (
          <span key={d} className="inline-flex items-center rounded bg-zinc-100 font-mono text-xs dark:bg-zinc-800">
            <span className="px-1.5 py-0.5">{d}</span>
            <button
              type="button"
              className="px-1 text-zinc-600 hover:text-red-700 dark:text-zinc-400 dark:hover:text-red-400"
              aria-label={`Remove dependency of ${wp.id} on ${d}`}
              onClick={() => dispatch({ type: "remove-dependency", wpId: wp.id, dependsOn: d })}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      {others.length > 0 && (
        <select
          id={fieldId(wp.id, "dependencies")}
          aria-label={`Add a dependency to ${wp.id}`}
          value=""
          onChange={(e) =>
            e.target.value && dispatch({ type: "add-dependency", wpId: wp.id, dependsOn: e.target.value })
          }
          className="mt-1 w-full rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs dark:border-zinc-700 dark:bg-zinc-950"
        >
          <option value="">add…</option>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.id} {o.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** A package's expected outputs as chips, wired to the plan's edits. */
export function PackageOutputs({ wp, dispatch }: { wp: WorkPackageSpec; dispatch: Dispatch<PlanEdit> }) {
  return (
    <OutputChips
      wpId={wp.id}
      outputs={wp.expected_outputs}
      onAdd={(path) => dispatch({ type: "add-output", wpId: wp.id, path })}
      onEdit={(index, path) => dispatch({ type: "edit-output", wpId: wp.id, index, path })}
      onRemove={(index) => dispatch({ type: "remove-output", wpId: wp.id, index })}
    />
  );
}
