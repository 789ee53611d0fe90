import { describe, expect, it } from "vitest";
import { budgetExceeded, formatUsd } from "./budget";

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
