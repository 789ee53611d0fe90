import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git, hasFileAt as hasFile } from "@/e2e/fixtures/git-repos";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { pkg, plan, setupEngine, statuses } from "@/lib/testing/engine-harness";

/** Turns the harness repository into a Node project with a local dependency and node --test tests. */
function nodeProject(repo: string, tests: Record<string, string>) {
  mkdirSync(path.join(repo, "vendor", "dep"), { recursive: true });
  writeFileSync(
    path.join(repo, "vendor", "dep", "package.json"),
    JSON.stringify({ name: "dep", version: "1.0.0", main: "index.js" }),
  );
  writeFileSync(path.join(repo, "vendor", "dep", "index.js"), "module.exports = 42;\n");
  writeFileSync(
    path.join(repo, "package.json"),
    JSON.stringify(
      { name: "app", version: "1.0.0", dependencies: { dep: "file:./vendor/dep" }, scripts: { test: "node --test" } },
      null,
      2,
    ),
  );
  writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n.env\n");
  mkdirSync(path.join(repo, "test"), { recursive: true });
  for (const [name, text] of Object.entries(tests)) writeFileSync(path.join(repo, "test", name), text);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline"], { cwd: repo, stdio: "ignore" });
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "Node project");
}

const DEP_TEST = `const { test } = require("node:test");\nconst assert = require("node:assert");\ntest("dep loads", () => assert.equal(require("dep"), 42));\n`;

describe("real repositories", () => {
  it("runs the set-up command (npm ci) in every worktree before the agent and the tests", async () => {
    const { repo, run, db, project } = await setupEngine();
    nodeProject(repo, { "dep.test.cjs": DEP_TEST });
    await db.project.update({
      where: { id: project.id },
      data: { setupCommand: "npm ci --no-audit --no-fund --offline", testCommand: "npm test" },
    });
    const result = await run(plan([pkg("WP-1"), pkg("WP-2")]), "default=require-node-modules");
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "merged" });
    // The integration worktree ran npm ci once; packages with the same lockfile reused its install.
    expect(readFileSync(path.join(result.run.runDir!, "integration-setup.log"), "utf8")).toMatch(/added \d+ package/);
    expect(readFileSync(result.packages[0].latestAttempt!.logPath!, "utf8")).toContain(
      "reused node_modules from the integration worktree",
    );
    expect(parseOutcome(result.packages[0].outcome).testOutput).toContain("dep loads");
    expect(JSON.parse(result.run.testBaseline!)).toMatchObject({ exitCode: 0, failures: [] });
  });

  it("fails a package whose set-up fails, before any agent time is spent", async () => {
    const { run, db, project } = await setupEngine();
    // Fails only inside a package's worker (where FLOTILLA_WP_ID is set), not in the integration worktree.
    await db.project.update({
      where: { id: project.id },
      data: { setupCommand: "node -e 'process.exit(process.env.FLOTILLA_WP_ID ? 9 : 0)'", testCommand: null },
    });
    const result = await run(plan([pkg("WP-1")]), "default=succeed");
    expect(result.packages[0].status).toBe("failed");
    expect(result.packages[0].statusReason).toContain(
      "The set-up command failed with exit code 9; the agent was not started",
    );
    expect(readFileSync(result.packages[0].latestAttempt!.logPath!, "utf8")).not.toContain("fake agent");
  });

  it("stops the run before any agent starts when the set-up fails in the integration worktree", async () => {
    const { run, db, project } = await setupEngine();
    await db.project.update({ where: { id: project.id }, data: { setupCommand: "node -e process.exit(9)" } });
    const result = await run(plan([pkg("WP-1")]), "default=succeed");
    expect(result.run).toMatchObject({
      status: "failed",
      statusReason: expect.stringContaining("The set-up command failed in the integration worktree (exit code 9)"),
    });
    expect(result.packages[0].attempts).toHaveLength(0);
  });

  it("copies .env into each worktree and never commits it", async () => {
    const { repo, run, db, project } = await setupEngine();
    writeFileSync(path.join(repo, ".gitignore"), "");
    git(repo, "add", ".gitignore");
    git(repo, "commit", "-qm", "no ignore rules");
    writeFileSync(path.join(repo, ".env"), "API_URL=http://localhost\nMODE=test\n");
    await db.project.update({ where: { id: project.id }, data: { copyFiles: JSON.stringify([".env"]) } });
    const result = await run(plan([pkg("WP-1"), pkg("WP-2")]), "WP-1=read-env WP-2=commit-env");
    expect(result.packages[0]).toMatchObject({ status: "merged" });
    expect(readFileSync(result.packages[0].latestAttempt!.logPath!, "utf8")).toContain(".env has 2 line(s)");
    expect(hasFile(repo, result.run.featureBranch!, ".env")).toBe(false);
    expect(result.packages[1]).toMatchObject({
      status: "failed",
      statusReason: expect.stringContaining("The agent committed .env"),
    });
    // The user's own .env is untouched.
    expect(readFileSync(path.join(repo, ".env"), "utf8")).toBe("API_URL=http://localhost\nMODE=test\n");
  });

  it("accepts a merge as red as the base and undoes one that adds a failure", async () => {
    const { repo, run, db, project } = await setupEngine();
    nodeProject(repo, {
      "known.test.cjs": `const { test } = require("node:test");\ntest("known broken", () => { throw new Error("broken on main"); });\n`,
    });
    await db.project.update({ where: { id: project.id }, data: { testCommand: "npm test" } });
    const result = await run(plan([pkg("WP-1"), pkg("WP-2")]), "WP-1=succeed WP-2=add-failing-test");
    expect(JSON.parse(result.run.testBaseline!)).toMatchObject({
      exitCode: 1,
      failures: expect.arrayContaining(["known broken"]),
    });
    const [wp1, wp2] = result.packages;
    expect(wp1.status).toBe("merged");
    expect(parseOutcome(wp1.outcome).testNote).toMatch(/^as red as the base/);
    expect(wp2.status).toBe("test_failed");
    expect(wp2.statusReason).toContain("new failing test(s): WP-2 new check");
    expect(hasFile(repo, result.run.featureBranch!, "test/wp-2-new.test.js")).toBe(false);
  });

  it("stops before any agent runs when the base is red and its failures cannot be told apart", async () => {
    const { run, db, project } = await setupEngine();
    await db.project.update({ where: { id: project.id }, data: { testCommand: "node -e process.exit(1)" } });
    const stopped = await run(plan([pkg("WP-1")]), "default=succeed");
    expect(stopped.run.status).toBe("failed");
    expect(stopped.run.statusReason).toContain("cannot be told apart");
    expect(stopped.packages[0].attempts).toHaveLength(0);
    // Run without the gate: the tests still run, but do not block.
    const ungated = await run(plan([pkg("WP-1")], "again"), "default=succeed", { testGate: "off" });
    expect(ungated.packages[0].status).toBe("merged");
    expect(parseOutcome(ungated.packages[0].outcome).testNote).toContain("the test gate is off");
    expect(existsSync(ungated.run.runDir!)).toBe(true);
  });
});

describe("the card's set-up phase", () => {
  it("reads 'setup' while the set-up command runs and 'agent' after", async () => {
    const { readWorkerPhase } = await import("@/lib/node/process/worker-process");
    const { run, db, project } = await setupEngine();
    await db.project.update({
      where: { id: project.id },
      data: { setupCommand: "node -e 'process.env.FLOTILLA_WP_ID && setTimeout(() => {}, 50)'", testCommand: null },
    });
    const result = await run(plan([pkg("WP-1")]), "default=succeed");
    expect(result.packages[0].status).toBe("merged");
    expect(readWorkerPhase(result.packages[0].latestAttempt!.dir!)).toBe("agent");
    expect(readFileSync(path.join(result.packages[0].latestAttempt!.dir!, "setup.log"), "utf8")).toBe("");
  });
});
