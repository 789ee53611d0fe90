"use client";
// The WBS as an editable table: name, scope, in/out of scope, files (chips), dependencies,
// acceptance notes. Dependencies can be edited here as well as in the graph (keyboard access).
import type { Dispatch } from "react";
import type { PlanEdit, TextField } from "@/lib/core/plan/plan-edits";
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { OutputChips } from "./output-chips";
import { waveColor } from "./wave-colors";

const cell = "border-t border-zinc-200 p-2 align-top dark:border-zinc-800";
const textInput =
  "w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950";

function Text({
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

export function PackageTable({
  wbs,
  waves,
  problems,
  dispatch,
}: {
  wbs: WorkBreakdown;
  waves: Map<string, number>;
  problems: WbsProblem[];
  dispatch: Dispatch<PlanEdit>;
}) {
  const hasError = (wpId: string, field: string) =>
    problems.some((p) => p.severity === "error" && p.wpId === wpId && p.field?.startsWith(field));
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full min-w-[64rem] text-left text-sm" aria-label="Work packages">
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-800/50 dark:text-zinc-400">
          <tr>
            <th scope="col" className="p-2">
              Package
            </th>
            <th scope="col" className="p-2">
              Name and scope
            </th>
            <th scope="col" className="p-2">
              In scope / out of scope
            </th>
            <th scope="col" className="p-2">
              Expected outputs
            </th>
            <th scope="col" className="p-2">
              Depends on
            </th>
            <th scope="col" className="p-2">
              Acceptance
            </th>
            <th scope="col" className="p-2">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {wbs.work_packages.map((wp) => {
            const others = wbs.work_packages.filter((o) => o.id !== wp.id && !wp.dependencies.includes(o.id));
            const wave = waves.get(wp.id);
            return (
              <tr key={wp.id} data-testid={`package-row-${wp.id}`}>
                <td className={`${cell} whitespace-nowrap`}>
                  <span className="font-mono font-medium">{wp.id}</span>
                  <span className="mt-1 flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
                    <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: waveColor(wave) }} />
                    {wave ? `Wave ${wave}` : "No wave"}
                  </span>
                </td>
                <td className={`${cell} w-64`}>
                  <div className="flex flex-col gap-1.5">
                    <Text
                      wpId={wp.id}
                      field="name"
                      label="Name"
                      value={wp.name}
                      dispatch={dispatch}
                      invalid={hasError(wp.id, "name")}
                    />
                    <Text
                      wpId={wp.id}
                      field="scope"
                      label="Scope"
                      value={wp.scope}
                      rows={2}
                      dispatch={dispatch}
                      invalid={hasError(wp.id, "scope")}
                    />
                  </div>
                </td>
                <td className={`${cell} w-56`}>
                  <div className="flex flex-col gap-1.5">
                    <Text
                      wpId={wp.id}
                      field="in_scope"
                      label="In scope"
                      value={wp.in_scope ?? ""}
                      rows={2}
                      dispatch={dispatch}
                    />
                    <Text
                      wpId={wp.id}
                      field="out_of_scope"
                      label="Out of scope"
                      value={wp.out_of_scope ?? ""}
                      rows={2}
                      dispatch={dispatch}
                    />
                  </div>
                </td>
                <td className={cell}>
                  <OutputChips
                    wpId={wp.id}
                    outputs={wp.expected_outputs}
                    onAdd={(path) => dispatch({ type: "add-output", wpId: wp.id, path })}
                    onEdit={(index, path) => dispatch({ type: "edit-output", wpId: wp.id, index, path })}
                    onRemove={(index) => dispatch({ type: "remove-output", wpId: wp.id, index })}
                  />
                </td>
                <td className={`${cell} w-40`}>
                  <div className="flex flex-wrap gap-1">
                    {wp.dependencies.map((d) => (
                      <span
                        key={d}
                        className="inline-flex items-center rounded bg-zinc-100 font-mono text-xs dark:bg-zinc-800"
                      >
                        <span className="px-1.5 py-0.5">{d}</span>
                        <button
                          type="button"
                          className="px-1 text-zinc-500 hover:text-red-600"
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
                </td>
                <td className={`${cell} w-48`}>
                  <Text
                    wpId={wp.id}
                    field="acceptance"
                    label="Acceptance"
                    value={wp.acceptance ?? ""}
                    rows={2}
                    dispatch={dispatch}
                  />
                </td>
                <td className={cell}>
                  <button
                    type="button"
                    onClick={() => dispatch({ type: "remove-package", wpId: wp.id })}
                    className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/50"
                    aria-label={`Remove ${wp.id}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
