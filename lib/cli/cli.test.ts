import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { FAKE_AGENT, makeRepository } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { flotilla, startFlotilla, writePlan } from "@/lib/testing/cli-harness";

/** HEAD, index and every working file of the user's checkout. */
function checkoutFingerprint(repo: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === ".git") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(repo, full)}\0${readFileSync(full)}\0${statSync(full).mode}\0`);
    }
  };
  walk(repo);
  hash.update(readFileSync(path.join(repo, ".git", "HEAD")));
  hash.update(readFileSync(path.join(repo, ".git", "index")));
  hash.update(git(repo, "rev-parse", "HEAD"));
  hash.update(git(repo, "status", "--porcelain"));
  return hash.digest("hex");
}

const agentCmd = (modes: string) => `node ${FAKE_AGENT} ${modes}`;

// Each test starts several real CLI processes (tsx, a database, git): slow on a loaded 2-core machine.
describe("flotilla CLI (real processes)", { timeout: 90_000 }, () => {
  it("refuses bad input with exit code 2 and a message saying what to change", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const good = writePlan(tempDir(), [{ id: "WP-1" }]);
    const cyclic = writePlan(tempDir(), [
      { id: "WP-1", deps: ["WP-2"] },
      { id: "WP-2", deps: ["WP-1"] },
    ]);
    const cases: Array<[string[], RegExp]> = [
      [["run", "--wbs", good], /--repo is required/],
      [["run", "--repo", repo, "--wbs", "/nope/wbs.json"], /there is no file \/nope\/wbs.json/],
      [["run", "--repo", repo, "--wbs", cyclic], /Dependency loop WP-1 → WP-2 → WP-1/],
      [["run", "--repo", "/nope", "--wbs", good], /Nothing exists at \/nope/],
      [
        ["run", "--repo", repo, "--wbs", good, "--concurrency", "11"],
        /--concurrency must be a whole number from 1 to 10/,
      ],
      [
        ["run", "--repo", repo, "--wbs", good, "--agent", "robot"],
        /--agent must be one of demo, claude, codex, gemini, acp, custom/,
      ],
      [["run", "--repo", repo, "--wbs", good, "--agent-cmd", "node a.js && rm -rf /"], /"&&" is a shell operator/],
      [["run", "--repo", repo, "--wbs", good, "--base", "develop"], /no branch "develop"/],
      [
        ["run", "--repo", repo, "--wbs", good, "--agent", "custom", "--agent-cmd", "no-such-agent-cli --go"],
        /needs the "no-such-agent-cli" command, which is not installed or not on PATH/,
      ],
      [
        ["run", "--repo", repo, "--wbs", good, "--review", "lenient"],
        /--review must be one of off, spec, spec\+quality, human/,
      ],
      [
        ["run", "--repo", repo, "--wbs", good, "--budget", "0"],
        /--budget must be a number from 0.01 to 100000 \(got "0"\)/,
      ],
      [["frobnicate"], /unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const result = flotilla(dataDir, args, { PATH: path.dirname(process.execPath) + ":/usr/bin:/bin" });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
    }
  });

  it("runs to the end, reports a failure with exit 1, retries only that package, and never touches the user's checkout", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const before = checkoutFingerprint(repo);
    const state = tempDir();
    const wbs = writePlan(tempDir(), [{ id: "WP-1" }, { id: "WP-2", deps: ["WP-1"] }, { id: "WP-3" }]);

    const first = flotilla(dataDir, [
      "run",
      "--repo",
      repo,
      "--wbs",
      wbs,
      "--agent-cmd",
      agentCmd(`WP-1=fail-once state=${state}`),
      "--stagger",
      "0",
      "--test-cmd",
      "node check.mjs",
      "--json",
    ]);
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({
      status: "failed",
      featureBranch: expect.stringMatching(/^flotilla\/build-the-parts/),
    });
    // A custom command is not reviewed by default (it may know no reviewer role).
    const approved: unknown[] = [];
    // The fake agent reports no cost: null, not zero; the program that ran is node, which has no version flag here.
    const noUsage = {
      costUsd: null,
      tokens: null,
      sessionId: null,
      agentVersion: null,
      // No reviewers or fixes ran, and a settled run predicts no conflicts.
      reviewRuns: 0,
      fixRuns: 0,
      predictedConflicts: [],
      conflicts: [],
    };
    // This machine as a runner, named by cliEnv (FLOTILLA_RUNNER_NAME).
    const ran = { ...noUsage, agentProgram: expect.stringMatching(/\/node$/), runner: "cli-test-box" };
    expect(report.costUsd).toBe(0);
    expect(report.workPackages).toEqual([
      {
        id: "WP-1",
        status: "failed",
        statusReason: "The agent exited with code 1",
        exitCode: 1,
        attempts: 1,
        changedFiles: [],
        outOfScopeFiles: [],
        reviews: [],
        ...ran,
      },
      {
        id: "WP-2",
        status: "blocked",
        statusReason: expect.stringMatching(/^Waiting for WP-1/),
        exitCode: null,
        attempts: 0,
        changedFiles: [],
        outOfScopeFiles: [],
        reviews: [],
        ...noUsage,
        agentProgram: null,
        runner: null,
      },
      {
        id: "WP-3",
        status: "merged",
        statusReason: null,
        exitCode: 0,
        attempts: 1,
        changedFiles: ["src/wp-3.ts"],
        outOfScopeFiles: [],
        reviews: approved,
        ...ran,
      },
    ]);

    const status = flotilla(dataDir, ["status", "--run", report.runId]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/WP-1\s+failed/);

    const retry = flotilla(dataDir, ["retry", "--run", report.runId, "--wp", "WP-1", "--json"]);
    expect(retry.code).toBe(0);
    const after = JSON.parse(retry.stdout);
    expect(after.status).toBe("completed");
    expect(
      after.workPackages.map((p: { id: string; attempts: number; status: string }) => [p.id, p.status, p.attempts]),
    ).toEqual([
      ["WP-1", "merged", 2],
      ["WP-2", "merged", 1],
      ["WP-3", "merged", 1],
    ]);
    expect(flotilla(dataDir, ["retry", "--run", report.runId, "--wp", "WP-3"]).stderr).toMatch(
      /WP-3 cannot be retried: it is merged/,
    );

    const markdown = flotilla(dataDir, ["report", "--run", report.runId]);
    expect(markdown.stdout).toContain("# Flotilla run report");
    expect(markdown.stdout).toContain("3 total | 3 merged | 0 failed");

    expect(checkoutFingerprint(repo)).toBe(before);
  });

  it("asks a person about a conflict its resolver could not settle, and takes their answer with flotilla resolve", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const wbs = writePlan(tempDir(), [{ id: "WP-1" }, { id: "WP-2" }]);
    // Both rewrite shared.txt; the resolver leaves the markers, so 2 rounds later a person is asked.
    const first = flotilla(dataDir, [
      "run",
      "--repo",
      repo,
      "--wbs",
      wbs,
      "--agent-cmd",
      agentCmd("default=conflict resolve=leave-markers"),
      "--stagger",
      "0",
      "--test-cmd",
      "node check.mjs",
      "--json",
    ]);
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout);
    const [merged, conflicted] = ["WP-1", "WP-2"].map((id) =>
      report.workPackages.find((p: { id: string }) => p.id === id),
    );
    expect(merged.status).toBe("merged");
    expect(conflicted).toMatchObject({
      status: "conflicted",
      conflicts: [{ files: ["shared.txt"], with: ["WP-1"], resolvedBy: null, rounds: 2, costUsd: 0 }],
    });
    const worktree = /fix it in (\S+) and press/.exec(conflicted.statusReason)![1];
    expect(readFileSync(path.join(worktree, "shared.txt"), "utf8")).toMatch(/^<<<<<<< /m);

    const noAction = flotilla(dataDir, ["resolve", "--run", report.runId, "--wp", "WP-2"]);
    expect(noAction.code).toBe(2);
    expect(noAction.stderr).toContain("choose one of --agent");
    const tooEarly = flotilla(dataDir, ["resolve", "--run", report.runId, "--wp", "WP-2", "--done"]);
    expect(tooEarly.code).toBe(2);
    expect(tooEarly.stderr).toContain("conflict markers remain in shared.txt");

    writeFileSync(path.join(worktree, "shared.txt"), "WP-1 owns this line\nWP-2 owns this line\n");
    const done = flotilla(dataDir, ["resolve", "--run", report.runId, "--wp", "WP-2", "--done", "--json"]);
    expect(done.code).toBe(0);
    const after = JSON.parse(done.stdout);
    expect(after.status).toBe("completed");
    expect(after.workPackages[1].conflicts).toEqual([
      { files: ["shared.txt"], with: ["WP-1"], resolvedBy: "person", rounds: 2, costUsd: 0 },
    ]);
    expect(git(repo, "show", `${after.featureBranch}:shared.txt`)).toBe("WP-1 owns this line\nWP-2 owns this line\n");
  });

  it("survives SIGKILL of the orchestrator: resume finishes the run with every package merged exactly once", async () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const wbs = writePlan(tempDir(), [
      { id: "WP-1" },
      { id: "WP-2" },
      { id: "WP-3", deps: ["WP-1"] },
      { id: "WP-4", deps: ["WP-2"] },
    ]);
    const cli = startFlotilla(dataDir, [
      "run",
      "--repo",
      repo,
      "--wbs",
      wbs,
      "--agent-cmd",
      agentCmd("delay=1200"),
      "--stagger",
      "0",
      "--concurrency",
      "2",
    ]);
    await cli.waitFor((text) => /WP-\d: merged/.test(text));
    cli.child.kill("SIGKILL");
    await cli.exited;
    const runId = cli.runId();

    const resumed = flotilla(dataDir, ["resume", "--run", runId, "--json"]);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout);
    expect(report.status).toBe("completed");
    expect(report.workPackages.map((p: { attempts: number }) => p.attempts)).toEqual([1, 1, 1, 1]);
    const subjects = git(repo, "log", "--merges", "--format=%s", report.featureBranch).trim().split("\n").sort();
    expect(subjects).toEqual([
      "feat(wp-1): Part WP-1",
      "feat(wp-2): Part WP-2",
      "feat(wp-3): Part WP-3",
      "feat(wp-4): Part WP-4",
    ]);
  });

  it("cancels a running run: its agents are stopped and the run says so", async () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const wbs = writePlan(tempDir(), [{ id: "WP-1" }, { id: "WP-2" }, { id: "WP-3", deps: ["WP-1"] }]);
    const cli = startFlotilla(dataDir, [
      "run",
      "--repo",
      repo,
      "--wbs",
      wbs,
      "--agent-cmd",
      agentCmd("default=hang"),
      "--stagger",
      "0",
    ]);
    await cli.waitFor((text) => (text.match(/: running/g) ?? []).length >= 2);
    const runId = cli.runId();
    const cancel = flotilla(dataDir, ["cancel", "--run", runId]);
    expect(cancel.code).toBe(0);
    expect(await cli.exited).toBe(1);
    const status = JSON.parse(flotilla(dataDir, ["status", "--run", runId, "--json"]).stdout);
    expect(status.status).toBe("cancelled");
    expect(status.workPackages.map((p: { status: string }) => p.status)).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
  });

  it("plans a task offline, runs the plan (and a Markdown plan), and exports a run's coordination folder", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const demo = { FLOTILLA_DEMO_DELAY_MS: "20" };

    for (const [args, message] of [
      [
        ["plan", "--repo", repo, "--task", "   "],
        /--task: Describe the compound task to decompose: it cannot be empty or only spaces/,
      ],
      [["plan", "--repo", repo, "--task", "x", "--count", "11"], /--count: At most 10 work packages can run/],
      [["plan", "--repo", repo, "--task", "x", "--deps", "tangled"], /--deps: The dependency mode must be/],
      [["plan", "--repo", repo, "--task", "x", "--planner", "magic"], /--planner must be one of auto, agent, offline/],
    ] as Array<[string[], RegExp]>) {
      const result = flotilla(dataDir, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }

    const planned = flotilla(dataDir, [
      "plan",
      "--repo",
      repo,
      "--task",
      "build a full authentication system with OAuth, RBAC, and audit logging",
      "--json",
    ]);
    expect(planned.code).toBe(0);
    expect(planned.stderr).toContain("offline planner");
    const wbs = JSON.parse(planned.stdout);
    expect(wbs.work_packages.map((p: { name: string }) => p.name)).toEqual(["OAuth", "RBAC", "Audit logging"]);
    const wbsFile = path.join(tempDir(), "wbs.json");
    writeFileSync(wbsFile, planned.stdout);
    const ran = flotilla(
      dataDir,
      ["run", "--repo", repo, "--wbs", wbsFile, "--agent", "demo", "--stagger", "0", "--json"],
      demo,
    );
    expect(ran.code).toBe(0);
    const runId = JSON.parse(ran.stdout).runId;

    const markdown = path.join(tempDir(), "plan.md");
    writeFileSync(
      markdown,
      "# Plan: notes feature\n\n## Task 1: Storage\nFiles:\n- `src/notes/store.js`\ndepends_on: none\n\n## Task 2: API\nFiles:\n- `src/notes/api.js`\ndepends_on: Task 1\n",
    );
    const fromMarkdown = flotilla(
      dataDir,
      ["run", "--repo", repo, "--wbs", markdown, "--agent", "demo", "--stagger", "0", "--json"],
      demo,
    );
    expect(fromMarkdown.code).toBe(0);
    expect(JSON.parse(fromMarkdown.stdout).workPackages.map((p: { status: string }) => p.status)).toEqual([
      "merged",
      "merged",
    ]);

    const out = path.join(tempDir(), "export");
    const exported = flotilla(dataDir, ["export", "--run", runId, "--dir", out]);
    expect(exported.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["WP-1", "WP-2", "WP-3", "launch-all.sh", "wbs.json"]);
    expect(flotilla(dataDir, ["export", "--run", runId, "--dir", out]).stderr).toMatch(/already has files in it/);
  });

  it("shows and changes a project's settings, refusing bad values with a message", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const shown = JSON.parse(flotilla(dataDir, ["settings", "--repo", repo, "--json"]).stdout);
    expect(shown).toMatchObject({
      baseBranch: "main",
      agent: "demo",
      concurrency: 3,
      staggerSeconds: 12,
      reviewMode: "auto",
    });
    const changed = flotilla(dataDir, [
      "settings",
      "--repo",
      repo,
      "--test-cmd",
      "node check.mjs",
      "--concurrency",
      "5",
      "--review",
      "spec",
      "--budget",
      "$2.50",
      "--json",
    ]);
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toMatchObject({
      testCommand: "node check.mjs",
      concurrency: 5,
      reviewMode: "spec",
      budgetUsd: "2.5",
    });
    for (const [args, message] of [
      [["--concurrency", "11"], /Concurrency must be from 1 to 10/],
      [["--base", "develop"], /There is no branch "develop"/],
      [["--test-cmd", "npm test && rm -rf /"], /shell operator/],
      [["--setup-cmd", "definitely-not-a-program --x"], /"definitely-not-a-program" is not installed or not on PATH/],
      [
        ["--budget", "lots"],
        /The budget must be an amount in dollars from 0.01 to 100000, or blank for no limit \(got "lots"\)/,
      ],
    ] as Array<[string[], RegExp]>) {
      const result = flotilla(dataDir, ["settings", "--repo", repo, ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(JSON.parse(flotilla(dataDir, ["settings", "--repo", repo, "--json"]).stdout)).toMatchObject({
      concurrency: 5,
      baseBranch: "main",
      budgetUsd: "2.5",
    });
    // A blank budget removes the limit.
    expect(JSON.parse(flotilla(dataDir, ["settings", "--repo", repo, "--budget", "", "--json"]).stdout)).toMatchObject({
      budgetUsd: "",
    });
  });
});
