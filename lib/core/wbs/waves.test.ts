import { describe, expect, it } from "vitest";
import { computeWaves, waveNumbers } from "./waves";
import { wp } from "./test-builders";

describe("computeWaves", () => {
  it("puts independent packages in waves of at most 3, by id", () => {
    const plan = computeWaves(["WP-1", "WP-2", "WP-3", "WP-4", "WP-5"].map((id) => wp(id)));
    expect(plan).toEqual({
      waves: [
        ["WP-1", "WP-2", "WP-3"],
        ["WP-4", "WP-5"],
      ],
      unplaced: [],
    });
  });

  it("gives a chain one wave per package", () => {
    const plan = computeWaves([wp("WP-3", ["WP-2"]), wp("WP-1"), wp("WP-2", ["WP-1"])]);
    expect(plan.waves).toEqual([["WP-1"], ["WP-2"], ["WP-3"]]);
  });

  it("layers a diamond", () => {
    const plan = computeWaves([wp("WP-1"), wp("WP-2", ["WP-1"]), wp("WP-3", ["WP-1"]), wp("WP-4", ["WP-2", "WP-3"])]);
    expect(plan.waves).toEqual([["WP-1"], ["WP-2", "WP-3"], ["WP-4"]]);
  });

  it("orders ten packages naturally (WP-2 before WP-10) and never puts a package before its dependencies", () => {
    const packages = [
      wp("WP-10"),
      wp("WP-9"),
      wp("WP-8", ["WP-1"]),
      wp("WP-7", ["WP-10"]),
      wp("WP-6"),
      wp("WP-5", ["WP-4"]),
      wp("WP-4"),
      wp("WP-3", ["WP-2"]),
      wp("WP-2"),
      wp("WP-1"),
    ];
    const plan = computeWaves(packages);
    expect(plan.waves).toEqual([
      ["WP-1", "WP-2", "WP-4"],
      ["WP-3", "WP-5", "WP-6"],
      ["WP-8", "WP-9", "WP-10"],
      ["WP-7"],
    ]);
    const numbers = waveNumbers(plan);
    for (const p of packages)
      for (const dep of p.dependencies) expect(numbers.get(dep)!).toBeLessThan(numbers.get(p.id)!);
  });

  it("honours another cap", () => {
    const plan = computeWaves(
      ["WP-1", "WP-2", "WP-3", "WP-4"].map((id) => wp(id)),
      2,
    );
    expect(plan.waves).toEqual([
      ["WP-1", "WP-2"],
      ["WP-3", "WP-4"],
    ]);
  });

  it("leaves packages in or behind a loop unplaced", () => {
    const plan = computeWaves([wp("WP-1"), wp("WP-2", ["WP-3"]), wp("WP-3", ["WP-2"]), wp("WP-4", ["WP-3"])]);
    expect(plan).toEqual({ waves: [["WP-1"]], unplaced: ["WP-2", "WP-3", "WP-4"] });
  });

  it("refuses a cap below 1", () => {
    expect(() => computeWaves([wp("WP-1")], 0)).toThrow(/positive integer/);
  });
});
