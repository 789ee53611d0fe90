import { describe, expect, it } from "vitest";
import { formatUsd, overBudget, suggestedBudget } from "./budget";
import { describeStopReason, type StopReason } from "./stop-reasons";
import { resumableSession } from "../agents/resume";

describe("run budget", () => {
  it("stops spending once the cost reaches the budget", () => {
    expect(overBudget(0.99, 1)).toBeNull();
    expect(overBudget(1, 1)).toEqual({ budgetUsd: 1, spentUsd: 1 });
    expect(describeStopReason({ code: "budget", budgetUsd: 2.5, spentUsd: 3.456 })).toBe(
      "Stopped: The run's budget of $2.50 was reached ($3.46 spent)",
    );
  });

  it("has no limit without a budget", () => {
    expect(overBudget(1e6, null)).toBeNull();
  });

  it("shows small amounts with enough digits to tell them apart", () => {
    expect(formatUsd(0.0135)).toBe("$0.0135");
    expect(formatUsd(0.05)).toBe("$0.05");
    expect(formatUsd(0)).toBe("$0.00");
  });
});

describe("budget stops and raises", () => {
  it("marks what the budget stopped, and suggests a budget above what was spent", () => {
    const run: StopReason = { code: "budget", budgetUsd: 1, spentUsd: 1.2, stopped: ["WP-1"], notStarted: ["WP-3"] };
    expect(describeStopReason(run)).toBe(
      "The run's budget of $1.00 was reached ($1.20 spent): stopped WP-1; did not start WP-3. Raise the budget and resume to finish it.",
    );
    expect(describeStopReason({ code: "not_started", budgetUsd: 1, spentUsd: 1.2 })).toBe(
      "Not started: The run's budget of $1.00 was reached ($1.20 spent)",
    );
    expect([suggestedBudget(2.04, 1), suggestedBudget(0.5, 1), suggestedBudget(3, null)]).toEqual(["3.06", "2", ""]);
  });
});

describe("session resume", () => {
  it("continues only the session of work an agent that can resume did", () => {
    expect(resumableSession(true, { role: "implement", sessionId: "s1" })).toBe("s1");
    expect(resumableSession(true, { role: "fix", sessionId: "s2" })).toBe("s2");
    expect(resumableSession(true, { role: "spec-review", sessionId: "s3" })).toBeNull();
    expect(resumableSession(false, { role: "implement", sessionId: "s1" })).toBeNull();
    expect(resumableSession(true, null)).toBeNull();
  });
});
