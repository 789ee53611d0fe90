import { describe, expect, it } from "vitest";
import { budgetForecast, formatMinutesLeft, formatRate, packageBurnRate, runBurnRate } from "./burn-rate";

const min = 60_000;

describe("burn rate", () => {
  it("a package's rate is its spend over the minutes its agents ran, the running one up to now", () => {
    const rate = packageBurnRate(
      [
        { startedAt: 0, endedAt: 2 * min, costUsd: 0.4, inputTokens: 3000, outputTokens: 1000 },
        // The next attempt ran for 2 minutes so far and has reported tokens, no cost yet.
        { startedAt: 10 * min, endedAt: null, costUsd: null, inputTokens: 4000, outputTokens: 0 },
      ],
      12 * min,
    );
    expect(rate).toMatchObject({ costUsd: 0.4, tokens: 8000, minutes: 4, usdPerMinute: 0.1, tokensPerMinute: 2000 });
  });

  it("a run's rate counts the minutes any agent ran (overlaps once, idle gaps not at all)", () => {
    const spans = [
      { startedAt: 0, endedAt: 2 * min, costUsd: 1, inputTokens: null, outputTokens: null },
      { startedAt: min, endedAt: 3 * min, costUsd: 0.5, inputTokens: null, outputTokens: null },
      // Resumed the next day: the night between does not dilute the rate.
      { startedAt: 600 * min, endedAt: null, costUsd: 0.5, inputTokens: null, outputTokens: null },
    ];
    expect(runBurnRate(spans, 601 * min)).toMatchObject({ minutes: 4, usdPerMinute: 0.5, tokensPerMinute: null });
  });

  it("the first 15 s show no rate, and nothing reported shows none", () => {
    const spans = [{ startedAt: 0, endedAt: null, costUsd: 1, inputTokens: null, outputTokens: null }];
    expect(runBurnRate(spans, 10_000).usdPerMinute).toBeNull();
    const silent = [{ startedAt: 0, endedAt: null, costUsd: null, inputTokens: null, outputTokens: null }];
    expect(runBurnRate(silent, 10 * min)).toMatchObject({
      usdPerMinute: null,
      tokensPerMinute: null,
    });
  });

  it("projects when the budget is reached at the current rate", () => {
    expect(budgetForecast(2, 5, 0.1, 0)).toEqual({ minutesLeft: 30, reachedAt: 30 * min });
    expect(budgetForecast(5, 5, 0.1, 0)).toBeNull();
    expect(budgetForecast(1, null, 0.1, 0)).toBeNull();
    expect(budgetForecast(1, 5, null, 0)).toBeNull();
    expect(formatMinutesLeft(30)).toBe("in about 30 min");
    expect(formatMinutesLeft(130)).toBe("in about 2 h 10 min");
    expect(formatMinutesLeft(0.2)).toBe("in less than a minute");
    expect(formatRate(0.1, "usd")).toBe("$0.10/min");
    expect(formatRate(0.004, "usd")).toBe("$0.0040/min");
    expect(formatRate(4200, "tokens")).toBe("4.2k tokens/min");
  });
});
