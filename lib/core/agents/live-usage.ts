// What a running agent has spent so far, read from its output as it streams: Claude Code's
// assistant messages carry their token usage (one message may come as several lines with the same
// id: counted once); a custom agent may print FLOTILLA_USAGE lines with its totals so far.

export type UsageLine =
  /** Tokens of one model message; `id` dedupes a message split over several lines. */
  | { kind: "delta"; id: string | null; input: number; output: number }
  /** The agent's own totals so far (the latest one counts). */
  | { kind: "total"; costUsd: number | null; input: number | null; output: number | null };

export interface LiveUsage {
  inputTokens: number;
  outputTokens: number;
  /** Null until the agent says what it cost (Claude Code says so only at the end). */
  costUsd: number | null;
}

export interface UsageState extends LiveUsage {
  /** Message ids already counted (the latest few hundred: a split message's lines are adjacent). */
  seen: string[];
}

export const emptyUsage = (): UsageState => ({ inputTokens: 0, outputTokens: 0, costUsd: null, seen: [] });

/** Adds lines of output to what was counted before (pure: returns the new state). */
export function accumulateUsage(
  state: UsageState,
  lines: readonly string[],
  usageOfLine: (line: string) => UsageLine | null,
): UsageState {
  const next: UsageState = { ...state, seen: [...state.seen] };
  for (const line of lines) {
    const usage = usageOfLine(line);
    if (!usage) continue;
    if (usage.kind === "total") {
      if (usage.input !== null) next.inputTokens = usage.input;
      if (usage.output !== null) next.outputTokens = usage.output;
      if (usage.costUsd !== null) next.costUsd = usage.costUsd;
      continue;
    }
    if (usage.id !== null) {
      if (next.seen.includes(usage.id)) continue;
      next.seen.push(usage.id);
      if (next.seen.length > 500) next.seen.splice(0, next.seen.length - 500);
    }
    next.inputTokens += usage.input;
    next.outputTokens += usage.output;
  }
  return next;
}

/**
 * A custom agent reports what it spent with lines of its output, the latest counting:
 * `FLOTILLA_USAGE {"costUsd": 0.12, "inputTokens": 5300, "outputTokens": 800}` (each field optional).
 */
export const USAGE_LINE = "FLOTILLA_USAGE";

const amount = (v: unknown, max: number): number | null =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= max ? v : null;

/** A FLOTILLA_USAGE line (custom agents, and any agent that prints one); null for anything else. */
export function reportedUsageLine(line: string): UsageLine | null {
  if (!line.startsWith(`${USAGE_LINE} `)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(USAGE_LINE.length + 1));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const o = parsed as Record<string, unknown>;
  const tokens = (v: unknown) => (amount(v, 1e12) === null ? null : Math.round(v as number));
  return {
    kind: "total",
    costUsd: amount(o.costUsd, 100_000),
    input: tokens(o.inputTokens),
    output: tokens(o.outputTokens),
  };
}

/** An ended agent's reported spend, from the end of its output (nulls: it reported nothing). */
export function finalUsage(text: string): {
  costUsd: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
} {
  const lines = text.split("\n").filter((l) => l.startsWith(`${USAGE_LINE} `));
  const state = accumulateUsage(emptyUsage(), lines, reportedUsageLine);
  const reported = lines.some((l) => reportedUsageLine(l) !== null);
  return reported
    ? { costUsd: state.costUsd, inputTokens: state.inputTokens, outputTokens: state.outputTokens }
    : { costUsd: null, inputTokens: null, outputTokens: null };
}
