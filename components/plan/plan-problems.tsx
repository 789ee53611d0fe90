// The plan's problems as the user fixes them: errors (which block Launch) and warnings.
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";

export function PlanProblems({ errors, warnings }: { errors: WbsProblem[]; warnings: WbsProblem[] }) {
  if (errors.length === 0 && warnings.length === 0) {
    return (
      <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
        The plan is valid.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2 text-sm" aria-live="polite">
      {errors.length > 0 && (
        <div>
          <p className="font-medium text-red-800 dark:text-red-300">{errors.length} problem(s) to fix before launch</p>
          <ul className="mt-1 list-disc pl-5 text-red-800 dark:text-red-300" aria-label="Plan errors">
            {errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div>
          <p className="font-medium text-amber-800 dark:text-amber-300">{warnings.length} warning(s)</p>
          <ul className="mt-1 list-disc pl-5 text-amber-800 dark:text-amber-300" aria-label="Plan warnings">
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
