// How a package's attempts are counted, the same way on the card, in the report, the API and the
// CLI: implementations whose agent really started (an interrupted start is not an attempt), and
// the reviewer and fix runs, counted as such.
export interface AttemptCounts {
  implementations: number;
  reviews: number;
  fixes: number;
}

export function countAttempts(attempts: ReadonlyArray<{ role: string; pid: number | null }>): AttemptCounts {
  const started = attempts.filter((a) => a.pid !== null);
  return {
    implementations: started.filter((a) => a.role === "implement").length,
    reviews: started.filter((a) => a.role.endsWith("-review")).length,
    fixes: started.filter((a) => a.role === "fix").length,
  };
}

/** "2 attempts", "1 attempt, 2 reviews and 1 fix". */
export function describeAttemptCounts(counts: AttemptCounts): string {
  const parts = [
    `${counts.implementations} attempt${counts.implementations === 1 ? "" : "s"}`,
    counts.reviews ? `${counts.reviews} review${counts.reviews === 1 ? "" : "s"}` : null,
    counts.fixes ? `${counts.fixes} fix${counts.fixes === 1 ? "" : "es"}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length <= 2 ? parts.join(" and ") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
