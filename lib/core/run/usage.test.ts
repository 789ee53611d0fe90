import { describe, expect, it } from "vitest";
import { formatTokens, packageUsage } from "./usage";

const attempt = (
  number: number,
  role: string,
  costUsd: number | null,
  inputTokens: number | null,
  outputTokens: number | null,
  sessionId: string | null,
) => ({ number, role, costUsd, inputTokens, outputTokens, sessionId });

describe("package usage", () => {
  it("sums cost and tokens over every attempt and keeps the latest working session", () => {
    expect(
      packageUsage([
        attempt(1, "implement", 0.05, 4800, 1200, "s1"),
        attempt(2, "spec-review", 0.01, 1000, 100, "s2"),
        attempt(3, "fix", 0.02, 2000, 300, "s3"),
        attempt(4, "quality-review", null, null, null, null),
      ]),
    ).toEqual({ costUsd: 0.08, tokens: { input: 7800, output: 1600 }, sessionId: "s3" });
  });

  it("says nothing was reported rather than zero", () => {
    expect(packageUsage([attempt(1, "implement", null, null, null, null)])).toEqual({
      costUsd: null,
      tokens: null,
      sessionId: null,
    });
  });

  it("formats token counts compactly", () => {
    expect([formatTokens(950), formatTokens(4800), formatTokens(48_000), formatTokens(2_400_000)]).toEqual([
      "950",
      "4,800",
      "48k",
      "2.4M",
    ]);
  });
});
