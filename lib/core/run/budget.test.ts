import { describe, expect, it } from "vitest";
import { budgetExceeded, budgetStopReason, formatUsd, isBudgetStopReason, suggestedBudget } from "./budget";
import { resumableSession } from "../agents/resume";

describe("run budget", () => {
  it("stops spending once the cost reaches the budget", () => {
    expect(budgetExceeded(0.99, 1)).toBeNull();
    expect(budgetExceeded(1, 1)).toBe("The run's budget of $1.00 was reached ($1.00 spent)");
    expect(budgetExceeded(3.456, 2.5)).toBe("The run's budget of $2.50 was reached ($3.46 spent)");
  });

  it("has no limit without a budget", () => {
    expect(budgetExceeded(1e6, null)).toBeNull();
  });

  it("shows small amounts with enough digits to tell them apart", () => {
    expect(formatUsd(0.0135)).toBe("$0.0135");
    expect(formatUsd(0.05)).toBe("$0.05");
    expect(formatUsd(0)).toBe("$0.00");
  });
});

describe("budget stops and raises", () => {
  it("marks what the budget stopped, and suggests a budget above what was spent", () => {
    expect(isBudgetStopReason(budgetStopReason("The run's budget of $1.00 was reached"))).toBe(true);
    expect(isBudgetStopReason("Cancelled by the user")).toBe(false);
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
