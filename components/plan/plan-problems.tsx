// The plan's problems as the user fixes them: errors (which block Launch) and warnings. A problem
// that belongs to a package links to the package and the field to fix.
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";
import { plural } from "@/lib/core/text/plural";
import { fieldId } from "./field-id";

export function ProblemItem({ problem, onLocate }: { problem: WbsProblem; onLocate: (problem: WbsProblem) => void }) {
  if (!problem.wpId) return <>{problem.message}</>;
  return (
    <a
      href={`#${fieldId(problem.wpId, problem.field ?? "name")}`}
      onClick={(event) => {
        event.preventDefault();
        onLocate(problem);
      }}
      className="underline decoration-dotted underline-offset-2 hover:decoration-solid"
    >
      {problem.message}
    </a>
  );
}

export function PlanProblems({
  errors,
  warnings,
  onLocate,
}: {
  errors: WbsProblem[];
  warnings: WbsProblem[];
  onLocate: (problem: WbsProblem) => void;
}) {
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
          <p className="font-medium text-red-800 dark:text-red-300">
            {plural(errors.length, "problem")} to fix before launch
          </p>
          <ul className="mt-1 list-disc pl-5 text-red-800 dark:text-red-300" aria-label="Plan errors">
            {errors.map((e, i) => (
              <li key={i}>
                <ProblemItem problem={e} onLocate={onLocate} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div>
          <p className="font-medium text-amber-800 dark:text-amber-300">{plural(warnings.length, "warning")}</p>
          <ul className="mt-1 list-disc pl-5 text-amber-800 dark:text-amber-300" aria-label="Plan warnings">
            {warnings.map((w, i) => (
              <li key={i}>
                <ProblemItem problem={w} onLocate={onLocate} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
