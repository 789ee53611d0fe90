import { describe, expect, it } from "vitest";
import { engineMakespan, lowerBound, waveBarrierMakespan } from "./scheduling";

const p = (id: string, duration: number, dependencies: string[] = [], outputs = 1) => ({
  id,
  duration,
  dependencies,
  outputs,
});

describe("scheduling simulation", () => {
  it("meets the lower bound on a chain and on a set that fits the concurrency", () => {
    const chain = [p("WP-1", 100), p("WP-2", 200, ["WP-1"]), p("WP-3", 50, ["WP-2"])];
    expect(engineMakespan(chain, 3, 0)).toBe(350_000);
    expect(lowerBound(chain, 3)).toBe(350_000);
    expect(engineMakespan([p("WP-1", 100), p("WP-2", 100), p("WP-3", 100)], 3, 0)).toBe(100_000);
  });

  it("keeps the stagger between starts", () => {
    expect(engineMakespan([p("WP-1", 100), p("WP-2", 100)], 3, 12_000)).toBe(112_000);
  });

  it("beats the wave barrier when a long package would hold a wave back", () => {
    const plan = [p("WP-1", 1000), p("WP-2", 100), p("WP-3", 100), p("WP-4", 100), p("WP-5", 100)];
    expect(waveBarrierMakespan(plan, 0)).toBe(1_100_000);
    expect(engineMakespan(plan, 3, 0)).toBe(1_000_000);
  });

  it("starts the biggest package first when sizes are known", () => {
    const plan = [p("WP-1", 100, [], 1), p("WP-2", 100, [], 1), p("WP-3", 100, [], 1), p("WP-4", 1000, [], 5)];
    expect(engineMakespan(plan, 3, 0, true)).toBe(1_000_000);
    expect(engineMakespan(plan, 3, 0, false)).toBe(1_100_000);
  });
});
