// How fast a run (or one package) spends: dollars and tokens per minute over the time its agents
// ran, and when the budget is reached at that rate. Pure: times come in as milliseconds.

export interface SpendSpan {
  startedAt: number | null;
  /** Null while it runs (it counts up to `now`). */
  endedAt: number | null;
  costUsd: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
}

export interface BurnRate {
  costUsd: number;
  tokens: number;
  /** Minutes the spans cover (a package: its agents' run time; a run: since it started). */
  minutes: number;
  /** Null until 15 s of spending is seen (a rate from a few seconds is noise) or nothing was reported. */
  usdPerMinute: number | null;
  tokensPerMinute: number | null;
}

/** Rates are shown once this much time has passed: the first seconds say nothing yet. */
export const MIN_RATE_MINUTES = 0.25;

const rate = (amount: number, minutes: number, reported: boolean) =>
  reported && minutes >= MIN_RATE_MINUTES ? amount / minutes : null;

/** One package's rate: what its attempts spent over the minutes they ran. */
export function packageBurnRate(spans: readonly SpendSpan[], now: number): BurnRate {
  const ran = spans.filter((s) => s.startedAt !== null);
  const minutes = ran.reduce((sum, s) => sum + Math.max(0, (s.endedAt ?? now) - s.startedAt!), 0) / 60_000;
  return totals(ran, minutes);
}

/**
 * A run's rate: what all its attempts spent over the minutes in which at least one of its agents
 * ran (so a run stopped overnight and resumed is not diluted by the night).
 */
export function runBurnRate(spans: readonly SpendSpan[], now: number): BurnRate {
  const intervals = spans
    .filter((s) => s.startedAt !== null)
    .map((s) => [s.startedAt!, Math.max(s.startedAt!, s.endedAt ?? now)] as const)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let end = -Infinity;
  for (const [from, to] of intervals) {
    if (to <= end) continue;
    covered += to - Math.max(from, end);
    end = to;
  }
  return totals(spans, covered / 60_000);
}

function totals(spans: readonly SpendSpan[], minutes: number): BurnRate {
  const costs = spans.map((s) => s.costUsd).filter((c): c is number => c !== null);
  const tokenSpans = spans.filter((s) => s.inputTokens !== null || s.outputTokens !== null);
  const costUsd = costs.reduce((a, b) => a + b, 0);
  const tokens = tokenSpans.reduce((sum, s) => sum + (s.inputTokens ?? 0) + (s.outputTokens ?? 0), 0);
  return {
    costUsd,
    tokens,
    minutes,
    usdPerMinute: rate(costUsd, minutes, costs.length > 0),
    tokensPerMinute: rate(tokens, minutes, tokenSpans.length > 0),
  };
}

/** When the budget is reached at this rate: null without a budget or a rate, or once reached. */
export function budgetForecast(
  spentUsd: number,
  budgetUsd: number | null,
  usdPerMinute: number | null,
  now: number,
): { minutesLeft: number; reachedAt: number } | null {
  if (budgetUsd === null || usdPerMinute === null || usdPerMinute <= 0 || spentUsd >= budgetUsd) return null;
  const minutesLeft = (budgetUsd - spentUsd) / usdPerMinute;
  return { minutesLeft, reachedAt: now + minutesLeft * 60_000 };
}

/** "$0.12/min", "4.2k tokens/min". */
export function formatRate(amount: number, unit: "usd" | "tokens"): string {
  if (unit === "usd")
    return `$${amount >= 1 ? amount.toFixed(2) : amount >= 0.01 ? amount.toFixed(2) : amount.toFixed(4)}/min`;
  return `${amount >= 1000 ? `${(amount / 1000).toFixed(1)}k` : Math.round(amount)} tokens/min`;
}

/** "in about 35 min", "in about 2 h 10 min". */
export function formatMinutesLeft(minutes: number): string {
  if (minutes < 1) return "in less than a minute";
  const m = Math.round(minutes);
  return m < 60 ? `in about ${m} min` : `in about ${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`;
}
