import { describe, expect, it } from "vitest";
import { countAttempts, describeAttemptCounts } from "./attempt-counts";

describe("counting a package's attempts", () => {
  it("counts started implementations, and reviewer and fix runs as such", () => {
    const counts = countAttempts([
      { role: "implement", pid: 10 },
      { role: "spec-review", pid: 11 },
      { role: "fix", pid: 12 },
      { role: "quality-review", pid: 13 },
      { role: "implement", pid: null }, // interrupted before its agent started
      { role: "resolve", pid: 14 },
    ]);
    expect(counts).toEqual({ implementations: 1, reviews: 2, fixes: 1, resolves: 1 });
    expect(describeAttemptCounts(counts)).toBe("1 attempt, 2 reviews, 1 fix and 1 resolve round");
    expect(describeAttemptCounts({ implementations: 2, reviews: 0, fixes: 0 })).toBe("2 attempts");
  });
});
