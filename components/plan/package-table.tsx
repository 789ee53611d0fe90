"use client";
// The WBS as an editable table, for bulk edits: name, scope, in/out of scope, files (chips),
// dependencies, acceptance notes, every package at once.
import type { Dispatch } from "react";
import type { PlanEdit } from "@/lib/core/plan/plan-edits";
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { DependencyPicker, PackageOutputs, PackageText as Text } from "./package-fields";
import { waveColor } from "./wave-colors";

const cell = "border-t border-zinc-200 p-2 align-top dark:border-zinc-800";
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
      <table className="w-full min-w-[60rem] text-left text-sm" aria-label="Work packages">
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
                  <PackageOutputs wp={wp} dispatch={dispatch} />
                </td>
                <td className={`${cell} w-40`}>
                  <DependencyPicker wp={wp} wbs={wbs} dispatch={dispatch} />
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
