// How a package's attempts are counted, the same way on the card, in the report, the API and the
// CLI: implementations whose agent really started (an interrupted start is not an attempt), and
// the reviewer and fix runs, counted as such.
import { listInWords } from "../text/list-in-words";
import { plural } from "../text/plural";
export interface AttemptCounts {
  implementations: number;
  reviews: number;
  fixes: number;
  /** Agent rounds on merge conflicts. */
  resolves?: number;
}

export function countAttempts(attempts: ReadonlyArray<{ role: string; pid: number | null }>): AttemptCounts {
  const started = attempts.filter((a) => a.pid !== null);
  return {
    implementations: started.filter((a) => a.role === "implement").length,
    reviews: started.filter((a) => a.role.endsWith("-review")).length,
    fixes: started.filter((a) => a.role === "fix").length,
    resolves: started.filter((a) => a.role === "resolve").length,
  };
}

const reviewParts = (counts: AttemptCounts): string[] =>
  [
    counts.reviews ? plural(counts.reviews, "review") : null,
    counts.fixes ? plural(counts.fixes, "fix", "fixes") : null,
    counts.resolves ? plural(counts.resolves, "resolve round") : null,
  ].filter((p): p is string => p !== null);

/** "2 attempts", "1 attempt, 2 reviews and 1 fix". */
export function describeAttemptCounts(counts: AttemptCounts): string {
  return listInWords([plural(counts.implementations, "attempt"), ...reviewParts(counts)]);
}

/** The reviewer and fix runs alone, for a card: "2 reviews · 1 fix" (empty when none ran). */
export function describeReviewRuns(counts: AttemptCounts): string {
  return reviewParts(counts).join(" · ");
}
