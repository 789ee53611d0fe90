import { describe, expect, it } from "vitest";
import { formatUsd } from "../run/budget";
import {
  afterFreshRetry,
  closeConflict,
  conflictList,
  describeConflict,
  mayStartRound,
  parseConflictState,
  type OpenConflict,
} from "./conflict-state";

const open = (extra: Partial<OpenConflict> = {}): OpenConflict => ({
  files: ["src/registry.ts"],
  with: ["WP-1"],
  resolvedBy: null,
  rounds: 0,
  costUsd: 0,
  detectedAt: "2026-12-01T10:00:00.000Z",
  endedAt: null,
  featureTip: "f".repeat(40),
  packageTip: "p".repeat(40),
  phase: "resolving",
  by: null,
  extraRounds: 0,
  undoPending: false,
  rerere: true,
  lastProblem: null,
  ...extra,
});

describe("conflict state", () => {
  it("reads an empty or unreadable column as no conflict", () => {
    expect(parseConflictState("{}")).toEqual({ current: null, history: [] });
    expect(parseConflictState("not json")).toEqual({ current: null, history: [] });
    expect(parseConflictState(null)).toEqual({ current: null, history: [] });
  });

  it("bounds the agent rounds by the project's setting plus what a person granted", () => {
    expect(mayStartRound(open({ rounds: 1 }), 2)).toBe(true);
    expect(mayStartRound(open({ rounds: 2 }), 2)).toBe(false);
    expect(mayStartRound(open({ rounds: 2, extraRounds: 1 }), 2)).toBe(true);
    expect(mayStartRound(open(), 0)).toBe(false);
  });

  it("closes the open conflict into the history, and lists the open one last", () => {
    const state = { current: open({ rounds: 1, costUsd: 0.5 }), history: [] };
    expect(conflictList(state)).toEqual([expect.objectContaining({ resolvedBy: null, rounds: 1 })]);
    const closed = closeConflict(state, "agent", "2026-12-01T10:05:00.000Z");
    expect(closed.current).toBeNull();
    expect(closed.history).toEqual([
      {
        files: ["src/registry.ts"],
        with: ["WP-1"],
        resolvedBy: "agent",
        rounds: 1,
        costUsd: 0.5,
        detectedAt: "2026-12-01T10:00:00.000Z",
        endedAt: "2026-12-01T10:05:00.000Z",
      },
    ]);
    expect(JSON.parse(afterFreshRetry(JSON.stringify(state), "t")).history[0].resolvedBy).toBe("fresh");
    expect(afterFreshRetry("{}", "t")).toBe(JSON.stringify({ current: null, history: [] }));
  });

  it("says how each conflict ended", () => {
    const record = (resolvedBy: "git" | "agent" | "person" | "fresh" | null, rounds = 0, costUsd = 0) => ({
      files: ["a.ts", "b.ts"],
      with: ["WP-1", "WP-2"],
      resolvedBy,
      rounds,
      costUsd,
      detectedAt: "",
      endedAt: null,
    });
    expect(describeConflict(record("git"), formatUsd)).toBe(
      "Conflict in a.ts, b.ts with WP-1, WP-2: git merged it after updating the branch",
    );
    expect(describeConflict(record("agent", 1, 0.25), formatUsd)).toBe(
      "Conflict in a.ts, b.ts with WP-1, WP-2: the agent resolved it in 1 round, $0.25",
    );
    expect(describeConflict(record("person", 2), formatUsd)).toBe(
      "Conflict in a.ts, b.ts with WP-1, WP-2: a person resolved it after 2 agent rounds",
    );
    expect(describeConflict(record("fresh"), formatUsd)).toContain("retried fresh");
    expect(describeConflict(record(null, 1), formatUsd)).toContain("1 agent round so far");
  });
});
