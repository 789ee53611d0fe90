import { describe, expect, it } from "vitest";
import { criticalPathPriority } from "./priority";
import { decideStarts, readyPackages } from "./schedule";
import type { PackageStatus } from "./statuses";

const p = (id: string, status: PackageStatus = "pending", dependencies: string[] = []) => ({
  id,
  status,
  dependencies,
});

describe("decideStarts", () => {
  it("starts only packages whose dependencies are all merged", () => {
    const packages = [
      p("WP-1", "merged"),
      p("WP-2", "pending", ["WP-1"]),
      p("WP-3", "pending", ["WP-2"]),
      p("WP-4", "pending", ["WP-1", "WP-5"]),
      p("WP-5", "running"),
    ];
    expect(readyPackages(packages)).toEqual(["WP-2"]);
  });

  it("never exceeds the concurrency", () => {
    const packages = [p("WP-1", "running"), p("WP-2", "running"), p("WP-3"), p("WP-4")];
    expect(decideStarts({ packages, concurrency: 3, staggerMs: 0, lastStartAt: null, now: 0 })).toEqual({
      startNow: ["WP-3"],
      waiting: ["WP-4"],
      nextStartAt: null,
    });
    expect(decideStarts({ packages, concurrency: 2, staggerMs: 0, lastStartAt: null, now: 0 }).startNow).toEqual([]);
  });

  it("with no stagger, fills every free slot at once", () => {
    const packages = [p("WP-1"), p("WP-2"), p("WP-3"), p("WP-4")];
    expect(decideStarts({ packages, concurrency: 3, staggerMs: 0, lastStartAt: null, now: 0 }).startNow).toEqual([
      "WP-1",
      "WP-2",
      "WP-3",
    ]);
  });

  it("keeps consecutive starts at least the stagger apart, on a simulated clock", () => {
    let packages = [p("WP-1"), p("WP-2"), p("WP-3")];
    const starts: Array<[string, number]> = [];
    let lastStartAt: number | null = null;
    for (let now = 0; now <= 30_000; now += 1_000) {
      const decision = decideStarts({ packages, concurrency: 3, staggerMs: 12_000, lastStartAt, now });
      for (const id of decision.startNow) {
        starts.push([id, now]);
        lastStartAt = now;
        packages = packages.map((x) => (x.id === id ? { ...x, status: "running" } : x));
      }
    }
    expect(starts).toEqual([
      ["WP-1", 0],
      ["WP-2", 12_000],
      ["WP-3", 24_000],
    ]);
  });

  it("says when the stagger opens for a waiting package (a countdown)", () => {
    const packages = [p("WP-1", "running"), p("WP-2")];
    expect(decideStarts({ packages, concurrency: 3, staggerMs: 12_000, lastStartAt: 5_000, now: 8_000 })).toEqual({
      startNow: [],
      waiting: ["WP-2"],
      nextStartAt: 17_000,
    });
    const two = [p("WP-1"), p("WP-2")];
    expect(decideStarts({ packages: two, concurrency: 3, staggerMs: 12_000, lastStartAt: null, now: 1_000 })).toEqual({
      startNow: ["WP-1"],
      waiting: ["WP-2"],
      nextStartAt: 13_000,
    });
  });

  it("starts the head of the longest chain first", () => {
    const nodes = [p("WP-1"), p("WP-2"), p("WP-3", "pending", ["WP-2"]), p("WP-4", "pending", ["WP-3"])];
    const priority = criticalPathPriority(nodes);
    expect(Object.fromEntries(priority)).toEqual({ "WP-1": 1, "WP-2": 3, "WP-3": 2, "WP-4": 1 });
    expect(
      decideStarts({ packages: nodes, concurrency: 1, staggerMs: 0, lastStartAt: null, now: 0, priority }).startNow,
    ).toEqual(["WP-2"]);
  });

  it("weighs packages by their estimated size", () => {
    const nodes = [p("WP-1"), p("WP-2")];
    const priority = criticalPathPriority(nodes, (id) => (id === "WP-2" ? 5 : 1));
    expect(readyPackages(nodes, priority)).toEqual(["WP-2", "WP-1"]);
  });
});
