"use client";
// Files two parallel packages are likely to both change (a registry beside their outputs, a
// manifest), with the two ways on: make one wait for the other, or keep them parallel.
import type { Dispatch } from "react";
import type { PlanEdit } from "@/lib/core/plan/plan-edits";
import type { SharedFileWarning } from "@/lib/core/wbs/shared-file-forecast";
import { Button } from "@/components/ui/button";

export function SharedFileWarnings({
  warnings,
  dispatch,
}: {
  warnings: SharedFileWarning[];
  dispatch: Dispatch<PlanEdit>;
}) {
  if (warnings.length === 0) return null;
  return (
    <section aria-label="Likely shared files" className="flex flex-col gap-2 text-sm">
      <h2 className="font-medium text-amber-800 dark:text-amber-300">Likely shared files ({warnings.length})</h2>
      <ul className="flex flex-col gap-2">
        {warnings.map(({ file, packages: [a, b], message }) => (
          <li key={`${file}:${a}:${b}`} className="flex flex-col gap-1.5" data-testid="shared-file-warning">
            <p className="text-amber-800 dark:text-amber-300">{message}</p>
            <div className="flex flex-wrap gap-2">
              <Button
                type="button"
                variant="secondary"
                onClick={() => dispatch({ type: "add-dependency", wpId: b, dependsOn: a })}
              >
                Make {b} wait for {a}
              </Button>
              <Button type="button" variant="secondary" onClick={() => dispatch({ type: "keep-parallel", a, b })}>
                Keep them parallel
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
