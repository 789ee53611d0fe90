import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git, hasFileAt as hasFile } from "@/e2e/fixtures/git-repos";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { pkg, plan, setupEngine, statuses } from "@/lib/testing/engine-harness";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";

/** Merge commits on the feature branch, oldest first, with their subjects. */
function merges(repo: string, branch: string): Array<{ sha: string; subject: string }> {
  return git(repo, "log", "--merges", "--reverse", "--format=%H %s", branch)
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => ({ sha: line.slice(0, 40), subject: line.slice(41) }));
}

describe("run engine (real git, real processes)", () => {
  it("merges what succeeds, records failures, flooding and out-of-scope work, and keeps every merge green", async () => {
    const { repo, run, db } = await setupEngine();
    const result = await run(
      plan([pkg("WP-1"), pkg("WP-2"), pkg("WP-3"), pkg("WP-4"), pkg("WP-5", ["WP-2"])]),
      "WP-2=fail WP-3=out-of-scope WP-4=flood default=succeed",
      { concurrency: 3 },
    );
    expect(result.run.status).toBe("failed");
    expect(statuses(result)).toEqual({
      "WP-1": "merged",
      "WP-2": "failed",
      "WP-3": "merged",
      "WP-4": "merged",
      "WP-5": "blocked",
    });

    const wp2 = result.packages.find((p) => p.wpId === "WP-2")!;
    expect(wp2.statusReason).toBe("The agent exited with code 3");
    expect(wp2.latestAttempt).toMatchObject({ exitCode: 3, timedOut: false, cancelled: false, status: "failed" });

    const wp3 = parseOutcome(result.packages.find((p) => p.wpId === "WP-3")!.outcome);
    expect(wp3).toMatchObject({
      changedFiles: ["extra/unexpected.txt", "src/wp-3.ts"],
      outOfScopeFiles: ["extra/unexpected.txt"],
    });

    const wp4 = result.packages.find((p) => p.wpId === "WP-4")!;
    expect(statSync(wp4.latestAttempt!.logPath!).size).toBeGreaterThanOrEqual(50 * 1024 * 1024);

    const featureBranch = result.run.featureBranch!;
    const mergeCommits = merges(repo, featureBranch);
    expect(mergeCommits.map((m) => m.subject)).toEqual([
      "feat(wp-1): Package WP-1",
      "feat(wp-3): Package WP-3",
      "feat(wp-4): Package WP-4",
    ]);
    for (const m of mergeCommits) expect(hasFile(repo, m.sha, "BROKEN")).toBe(false);
    // Two parents: merged with --no-ff.
    for (const m of mergeCommits)
      expect(git(repo, "rev-list", "--parents", "-n", "1", m.sha).trim().split(" ")).toHaveLength(3);

    const report = await buildRunReport(db, result.run.id);
    // WP-5 never started (blocked behind WP-2): not started, not failed.
    expect(report.totals).toEqual({ packages: 5, merged: 3, failed: 1, notStarted: 1, other: 0, waves: 2 });
    expect(report.workPackages.find((p) => p.id === "WP-2")!.logTail).toContain("something broke");
  });

  it("times out a hanging agent, fails a crashing one, asks a person about a conflict its resolver left, and undoes a merge that breaks the tests", async () => {
    const { repo, run } = await setupEngine();
    const result = await run(
      plan([pkg("WP-1"), pkg("WP-2"), pkg("WP-3"), pkg("WP-4"), pkg("WP-5")]),
      "WP-1=hang WP-2=crash WP-3=conflict WP-4=conflict WP-5=break-tests resolve=leave-markers",
      { concurrency: 5, timeoutSeconds: 2 },
    );
    expect(statuses(result)).toEqual({
      "WP-1": "timed_out",
      "WP-2": "failed",
      "WP-3": "merged",
      "WP-4": "conflicted",
      "WP-5": "test_failed",
    });
    const byId = Object.fromEntries(result.packages.map((p) => [p.wpId, p]));
    expect(byId["WP-1"].latestAttempt).toMatchObject({ timedOut: true, status: "timed_out" });
    expect(byId["WP-2"].statusReason).toBe("The agent was killed by SIGKILL");
    expect(parseOutcome(byId["WP-4"].outcome).conflictFiles).toEqual(["shared.txt"]);
    expect(byId["WP-4"].statusReason).toContain("shared.txt");
    expect(parseOutcome(byId["WP-5"].outcome).testOutput).toContain("BROKEN exists");
    const tip = git(repo, "rev-parse", result.run.featureBranch!).trim();
    expect(hasFile(repo, tip, "BROKEN")).toBe(false);
    expect(hasFile(repo, tip, "src/wp-3.ts")).toBe(true);
  });

  it("runs a diamond in dependency order; the last package starts from everyone else's merged work", async () => {
    const { repo, run, dataDir } = await setupEngine();
    const result = await run(
      plan([pkg("WP-1"), pkg("WP-2", ["WP-1"]), pkg("WP-3", ["WP-1"]), pkg("WP-4", ["WP-2", "WP-3"])]),
      "default=succeed",
    );
    expect(result.run.status).toBe("completed");
    const byId = Object.fromEntries(result.packages.map((p) => [p.wpId, p]));
    const started = (id: string) => byId[id].latestAttempt!.startedAt!.getTime();
    const merged = (id: string) => byId[id].updatedAt.getTime();
    expect(started("WP-2")).toBeGreaterThanOrEqual(merged("WP-1") - 1000);
    expect(started("WP-4")).toBeGreaterThan(started("WP-2"));
    const base = byId["WP-4"].latestAttempt!.baseCommit!;
    for (const file of ["src/wp-1.ts", "src/wp-2.ts", "src/wp-3.ts"]) expect(hasFile(repo, base, file)).toBe(true);
    const instructions = path.join(dataDir, "runs", result.run.id, "WP-4", "instructions.md");
    expect(readFileSync(instructions, "utf8")).toMatch(/## Completed so far[\s\S]*WP-1[\s\S]*WP-2[\s\S]*WP-3/);
    // Completed: no package worktree or branch is left, only the feature branch.
    expect(git(repo, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
    expect(
      git(repo, "branch", "--list", "flotilla/*")
        .trim()
        .split("\n")
        .map((b) => b.trim()),
    ).toEqual([result.run.featureBranch]);
    // The team-of-teams files are there for ordinary tools.
    expect(readdirSync(path.join(dataDir, "runs", result.run.id, "WP-1")).sort()).toEqual(
      expect.arrayContaining([".done", "agent.log", "exit-code", "instructions.md", "output.md", "pid"]),
    );
    expect(existsSync(path.join(dataDir, "runs", result.run.id, "wbs.json"))).toBe(true);
  });
});
