import { describe, expect, it } from "vitest";
import { describeDeletedRun, describeRunDeletion, planRunDeletion, type RunDeletionFacts } from "./run-deletion";

const facts = (overrides: Partial<RunDeletionFacts> = {}): RunDeletionFacts => ({
  status: "failed",
  liveWorkers: 0,
  runBranches: ["flotilla/x", "flotilla/x--wp-1-a1", "flotilla/x--wp-2-a1", "flotilla/x--wp-2-a2"],
  protectedBranches: ["main"],
  localBranches: ["main", "flotilla/x", "flotilla/x--wp-2-a1", "flotilla/x--wp-2-a2", "flotilla/y"],
  worktrees: [
    { path: "/repo", branch: "main", owned: false },
    { path: "/data/worktrees/r1/_integration", branch: "flotilla/x", owned: true },
    { path: "/data/worktrees/r1/WP-2", branch: "flotilla/x--wp-2-a2", owned: true },
  ],
  ...overrides,
});

describe("planning a run's deletion", () => {
  it("removes the run's own worktrees and its existing branches, nothing else", () => {
    expect(planRunDeletion(facts())).toEqual({
      blocked: null,
      worktrees: ["/data/worktrees/r1/_integration", "/data/worktrees/r1/WP-2"],
      branches: ["flotilla/x", "flotilla/x--wp-2-a1", "flotilla/x--wp-2-a2"],
      keptBranches: [],
      repositoryMissing: false,
    });
  });

  it("keeps a run branch checked out in the user's own checkout, and never a protected branch", () => {
    const plan = planRunDeletion(
      facts({
        protectedBranches: ["main", "flotilla/x--wp-2-a1"],
        worktrees: [{ path: "/repo", branch: "flotilla/x", owned: false }],
      }),
    );
    expect(plan.branches).toEqual(["flotilla/x--wp-2-a2"]);
    expect(plan.keptBranches).toEqual([{ branch: "flotilla/x", checkedOutIn: "/repo" }]);
    expect(plan.worktrees).toEqual([]);
  });

  it("refuses a running run, or one whose agents are still alive", () => {
    expect(planRunDeletion(facts({ status: "running" })).blocked).toMatch(/cancel it first/);
    expect(planRunDeletion(facts({ liveWorkers: 2 })).blocked).toMatch(/2 agent process\(es\).*cancel the run first/);
  });

  it("says what goes and what stays, also when the repository is gone", () => {
    const plan = planRunDeletion(facts({ localBranches: null, worktrees: [] }));
    expect(plan.repositoryMissing).toBe(true);
    const words = describeRunDeletion({ ...plan, files: ["/data/runs/r1"], baseBranch: "main", repoPath: "/repo" });
    expect(words.goes).toEqual([
      "0 worktrees",
      "no branches (none of the run's branches exist any more)",
      "its logs and files in the data folder: /data/runs/r1",
      "the run, its packages and attempts in Flotilla's database",
    ]);
    expect(words.stays).toEqual([
      "main and everything already merged into it",
      "your own checkout at /repo",
      "nothing in git: the repository /repo is not there any more",
    ]);
  });
});

describe("saying what a deletion did", () => {
  it("counts what went and names what was kept", () => {
    expect(
      describeDeletedRun({
        slug: "x-2",
        worktrees: ["/d/w/r/WP-1"],
        branches: ["flotilla/x-2--wp-1-a1", "flotilla/x-2--wp-1-a2"],
        keptBranches: [{ branch: "flotilla/x-2", checkedOutIn: "/repo" }],
      }),
    ).toBe("Deleted run x-2: 1 worktree and 2 branches removed; kept flotilla/x-2 (checked out in /repo)");
  });

  it("warns first that merged work only on the feature branch goes with it", () => {
    const plan = planRunDeletion(facts());
    const words = describeRunDeletion({
      ...plan,
      files: [],
      baseBranch: "main",
      repoPath: "/repo",
      unmergedWork: { featureBranch: "flotilla/x", packages: ["WP-1", "WP-3"] },
    });
    expect(words.goes[0]).toBe(
      "the work of 2 merged packages (WP-1, WP-3), which is only on flotilla/x, not in main: use Merge into main on the Review tab first to keep it",
    );
    // Kept (checked out elsewhere): nothing of that work is lost, so nothing is said.
    const kept = planRunDeletion(facts({ worktrees: [{ path: "/mine", branch: "flotilla/x", owned: false }] }));
    const quiet = describeRunDeletion({
      ...kept,
      files: [],
      baseBranch: "main",
      repoPath: "/repo",
      unmergedWork: { featureBranch: "flotilla/x", packages: ["WP-1"] },
    });
    expect(quiet.goes.some((g) => g.includes("merged package"))).toBe(false);
  });
});
