import { describe, expect, it } from "vitest";
import { nextToMerge, reconcileBlocked, runOutcome } from "./progress";
import { isRetryable, type PackageStatus } from "./statuses";
import { restartAfterLoss } from "./lost-workers";

const p = (id: string, status: PackageStatus, dependencies: string[] = []) => ({ id, status, dependencies });

describe("run progress rules", () => {
  it("blocks packages behind one that stopped, transitively, and unblocks them after a retry", () => {
    const failed = [
      p("WP-1", "failed"),
      p("WP-2", "pending", ["WP-1"]),
      p("WP-3", "pending", ["WP-2"]),
      p("WP-4", "pending"),
    ];
    expect(reconcileBlocked(failed)).toEqual([
      ["WP-2", "blocked"],
      ["WP-3", "blocked"],
    ]);
    const retried = [p("WP-1", "pending"), p("WP-2", "blocked", ["WP-1"]), p("WP-3", "blocked", ["WP-2"])];
    expect(reconcileBlocked(retried)).toEqual([
      ["WP-2", "pending"],
      ["WP-3", "pending"],
    ]);
  });

  it("merges finished packages in id order", () => {
    expect(nextToMerge([p("WP-10", "succeeded"), p("WP-2", "succeeded"), p("WP-1", "running")])).toBe("WP-2");
    expect(nextToMerge([p("WP-1", "running")])).toBeNull();
  });

  it("settles a run: completed when all merged, failed when nothing can move, running otherwise", () => {
    expect(runOutcome([p("WP-1", "merged"), p("WP-2", "merged")])).toBe("completed");
    expect(runOutcome([p("WP-1", "merged"), p("WP-2", "failed"), p("WP-3", "blocked")])).toBe("failed");
    expect(runOutcome([p("WP-1", "running"), p("WP-2", "failed")])).toBe("running");
    expect(runOutcome([p("WP-1", "succeeded")])).toBe("running");
    expect(runOutcome([p("WP-1", "merging")])).toBe("running");
  });

  it("lets a person retry exactly the packages that stopped without merging", () => {
    expect(
      (["failed", "timed_out", "conflicted", "test_failed", "cancelled", "lost"] as const).every(isRetryable),
    ).toBe(true);
    expect((["pending", "running", "succeeded", "merged", "blocked"] as const).some(isRetryable)).toBe(false);
  });
});

describe("lost workers", () => {
  it("start again after a loss, at most twice in a row", () => {
    expect(restartAfterLoss([{ status: "lost" }, { status: "failed" }])).toBe(true);
    expect(restartAfterLoss([{ status: "lost" }, { status: "lost" }, { status: "succeeded" }])).toBe(true);
    expect(restartAfterLoss([{ status: "lost" }, { status: "lost" }, { status: "lost" }])).toBe(false);
  });
});
