// What a package's agents spent: cost and tokens summed over every attempt (implementation,
// reviewers, fixes), and the session a retry could continue.

export interface AttemptUsage {
  role: string;
  number: number;
  costUsd: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  sessionId: string | null;
}

export interface PackageUsage {
  /** Null when no attempt reported a cost (agents that do not report one). */
  costUsd: number | null;
  tokens: { input: number; output: number } | null;
  /** The latest implementation or fix session. */
  sessionId: string | null;
}

export function packageUsage(attempts: AttemptUsage[]): PackageUsage {
  const costs = attempts.map((a) => a.costUsd).filter((c): c is number => c !== null);
  const reported = attempts.filter((a) => a.inputTokens !== null || a.outputTokens !== null);
  const latestWork = [...attempts]
    .sort((a, b) => b.number - a.number)
    .find((a) => (a.role === "implement" || a.role === "fix") && a.sessionId);
  return {
    costUsd: costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : null,
    tokens:
      reported.length > 0
        ? {
            input: reported.reduce((s, a) => s + (a.inputTokens ?? 0), 0),
            output: reported.reduce((s, a) => s + (a.outputTokens ?? 0), 0),
          }
        : null,
    sessionId: latestWork?.sessionId ?? null,
  };
}

export const formatTokens = (n: number): string =>
  n >= 1_000_000
    ? `${(n / 1_000_000).toFixed(1)}M`
    : n >= 10_000
      ? `${Math.round(n / 1000)}k`
      : n.toLocaleString("en-US");
