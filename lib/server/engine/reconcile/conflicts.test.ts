// Conflicts at merge time, for real: three packages each add their plugin to the same registry
// array; git cannot merge the second and third, so Flotilla updates their branches and the
// package's own agent resolves the markers (keeping both sides). A resolver that fails is
// bounded, then a person is asked, and each of their three answers works.
import { writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { parseConflictState, conflictList } from "@/lib/core/conflicts/conflict-state";
import { FAKE_AGENT, pkg, plan, setupEngine, statuses } from "@/lib/testing/engine-harness";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { resolveConflict } from "@/lib/server/engine/commands/resolve-conflict";
import { approvePackage } from "@/lib/server/engine/commands/human-review";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { tempDir } from "@/lib/testing/temp-dir";

const REGISTRY = "export const plugins = [\n];\n";
// The repository's own test: every registry entry names a plugin file that exists, and no marker is left.
const CHECK = `import { existsSync, readFileSync } from "node:fs";
const text = readFileSync("registry.js", "utf8");
if (/^(<<<<<<<|>>>>>>>)/m.test(text)) { console.error("not ok - conflict markers in registry.js"); process.exit(1); }
if (existsSync("BROKEN")) { console.error("not ok - BROKEN exists"); process.exit(1); }
const { plugins } = await import("./registry.js");
for (const p of plugins) {
  const file = p.startsWith("./") ? p : \`plugins/\${p.toLowerCase()}.js\`;
  if (!existsSync(file)) { console.error(\`not ok - \${p} has no plugin file\`); process.exit(1); }
}
console.log(\`ok - \${plugins.length} plugins, 1 passed, 0 failed\`);
`;

const plugin = (id: string, file = `plugins/${id.toLowerCase()}.js`) =>
  pkg(id, [], { name: `Plugin ${id}`, expected_outputs: [file, "registry.js"] });

async function registryEngine() {
  const engine = await setupEngine();
  writeFileSync(path.join(engine.repo, "registry.js"), REGISTRY);
  writeFileSync(path.join(engine.repo, "check.mjs"), CHECK);
  writeFileSync(path.join(engine.repo, "package.json"), '{ "type": "module" }\n');
  git(engine.repo, "add", "-A");
  git(engine.repo, "commit", "-qm", "A plugin registry");
  return engine;
}

/** Every merge commit on the feature branch passes the repository's check at that commit. */
function checkEveryMerge(repo: string, featureBranch: string) {
  const merges = git(repo, "rev-list", "--first-parent", "--merges", featureBranch).trim().split("\n").filter(Boolean);
  for (const sha of merges) {
    const dir = path.join(tempDir("flotilla-check-"), "at");
    git(repo, "worktree", "add", "-q", "--detach", dir, sha);
    try {
      const out = git(dir, "-c", "core.hooksPath=/dev/null", "rev-parse", "HEAD");
      expect(out.trim()).toBe(sha);
      const text = readFileSync(path.join(dir, "registry.js"), "utf8");
      expect(text).not.toMatch(/^(<<<<<<<|>>>>>>>)/m);
    } finally {
      git(repo, "worktree", "remove", "--force", dir);
    }
  }
  return merges.length;
}

let delay: string | undefined;
beforeAll(() => {
  delay = process.env.FLOTILLA_DEMO_DELAY_MS;
  process.env.FLOTILLA_DEMO_DELAY_MS = "0";
});
afterAll(() => {
  if (delay === undefined) delete process.env.FLOTILLA_DEMO_DELAY_MS;
  else process.env.FLOTILLA_DEMO_DELAY_MS = delay;
});

describe("conflicts at merge time", { timeout: 90_000 }, () => {
  it("integrates three packages that all add to one registry with a custom agent's resolver, no person involved", async () => {
    const { repo, run, db } = await registryEngine();
    const result = await run(plan([plugin("WP-1"), plugin("WP-2"), plugin("WP-3")]), "default=add-entry", {
      concurrency: 3,
    });
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "merged", "WP-3": "merged" });
    expect(result.run.status).toBe("completed");
    const registry = git(repo, "show", `${result.run.featureBranch}:registry.js`);
    for (const id of ["WP-1", "WP-2", "WP-3"]) expect(registry).toContain(`"${id}"`);
    expect(checkEveryMerge(repo, result.run.featureBranch!)).toBe(3);

    const byId = Object.fromEntries(result.packages.map((p) => [p.wpId, p]));
    expect(conflictList(parseConflictState(byId["WP-1"].conflict))).toEqual([]);
    // WP-2 conflicted with WP-1 and WP-3 with both: WP-3's round waited for WP-2's resolution to
    // merge, so one round settled it (no second conflict when the feature branch moved).
    const wp2 = conflictList(parseConflictState(byId["WP-2"].conflict));
    expect(wp2).toEqual([
      expect.objectContaining({ files: ["registry.js"], with: ["WP-1"], resolvedBy: "agent", rounds: 1 }),
    ]);
    const wp3 = conflictList(parseConflictState(byId["WP-3"].conflict));
    expect(wp3).toEqual([
      expect.objectContaining({ files: ["registry.js"], with: ["WP-1", "WP-2"], resolvedBy: "agent", rounds: 1 }),
    ]);
    // Nothing reran: one implementation each, plus a resolve round per conflict.
    const attempts = await db.attempt.findMany({ include: { workPackage: true } });
    expect(attempts.filter((a) => a.role === "implement")).toHaveLength(3);
    const rounds = [...wp2, ...wp3].reduce((sum, r) => sum + r.rounds, 0);
    expect(attempts.filter((a) => a.role === "resolve")).toHaveLength(rounds);
    const events = await db.event.findMany({ where: { runId: result.run.id, type: "package.conflict_resolved" } });
    expect(events).toHaveLength(1 + wp3.length);
  });

  it("does the same with the built-in demo agent", async () => {
    const { repo, run, db, project } = await registryEngine();
    await db.project.update({ where: { id: project.id }, data: { agent: "demo" } });
    const result = await run(
      plan([plugin("WP-1", "plugins/alpha.js"), plugin("WP-2", "plugins/beta.js"), plugin("WP-3", "plugins/gamma.js")]),
      "",
      { agent: "demo", concurrency: 3 },
    );
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "merged", "WP-3": "merged" });
    const registry = git(repo, "show", `${result.run.featureBranch}:registry.js`);
    for (const name of ["alpha", "beta", "gamma"]) expect(registry).toContain(`"./plugins/${name}.js"`);
    expect(checkEveryMerge(repo, result.run.featureBranch!)).toBe(3);
  });

  it("asks a person after 2 rounds that leave markers; I resolved it is refused until no marker is left, then merges", async () => {
    const { repo, run, ctx, drive, db } = await registryEngine();
    const first = await run(plan([plugin("WP-1"), plugin("WP-2")]), "default=add-entry resolve=leave-markers");
    expect(statuses(first)).toEqual({ "WP-1": "merged", "WP-2": "conflicted" });
    expect(first.run.status).toBe("failed");
    const wp2 = first.packages.find((p) => p.wpId === "WP-2")!;
    const open = parseConflictState(wp2.conflict).current!;
    expect(open).toMatchObject({ rounds: 2, phase: "waiting", files: ["registry.js"] });
    expect(open.lastProblem).toContain("conflict markers remain in registry.js");
    const worktree = wp2.latestAttempt!.worktreePath!;
    expect(wp2.statusReason).toContain(worktree);
    expect(wp2.statusReason).toContain("in 2 rounds (last: conflict markers remain in registry.js)");
    expect(readFileSync(path.join(worktree, "registry.js"), "utf8")).toMatch(/^<<<<<<< /m);
    const resolves = await db.attempt.count({ where: { workPackageId: wp2.id, role: "resolve" } });
    expect(resolves).toBe(2);

    await expect(resolveConflict(ctx, first.run.id, "WP-2", "done")).rejects.toThrow(
      /not resolved yet: conflict markers remain in registry.js\. Edit the files in .*WP-2/,
    );
    // The person keeps both entries by hand.
    writeFileSync(path.join(worktree, "registry.js"), 'export const plugins = [\n  "WP-1",\n  "WP-2",\n];\n');
    await resolveConflict(ctx, first.run.id, "WP-2", "done");
    await drive(first.run.id);
    const done = await loadRunSnapshot(db, first.run.id);
    expect(statuses(done)).toEqual({ "WP-1": "merged", "WP-2": "merged" });
    expect(done.run.status).toBe("completed");
    const list = conflictList(parseConflictState(done.packages.find((p) => p.wpId === "WP-2")!.conflict));
    expect(list).toEqual([expect.objectContaining({ resolvedBy: "person", rounds: 2, with: ["WP-1"] })]);
    expect(git(repo, "show", `${done.run.featureBranch}:registry.js`)).toContain('"WP-2"');
  });

  it("gives the agent one more round when a person asks, and retries fresh on the new branch", async () => {
    const { ctx, drive, db, run } = await registryEngine();
    const state = tempDir("flotilla-resolve-state-");
    // WP-2's resolver leaves markers twice, then keeps both sides; WP-3's always fails.
    const first = await run(
      plan([plugin("WP-1"), plugin("WP-2"), plugin("WP-3")]),
      `default=add-entry WP-2.resolve=leave-markers-twice WP-3.resolve=fail state=${state}`,
      { concurrency: 3 },
    );
    expect(statuses(first)).toEqual({ "WP-1": "merged", "WP-2": "conflicted", "WP-3": "conflicted" });
    await resolveConflict(ctx, first.run.id, "WP-2", "agent");
    await resolveConflict(ctx, first.run.id, "WP-3", "fresh");
    await drive(first.run.id);
    const done = await loadRunSnapshot(db, first.run.id);
    expect(statuses(done)).toEqual({ "WP-1": "merged", "WP-2": "merged", "WP-3": "merged" });
    const byId = Object.fromEntries(done.packages.map((p) => [p.wpId, p]));
    expect(conflictList(parseConflictState(byId["WP-2"].conflict))).toEqual([
      expect.objectContaining({ resolvedBy: "agent", rounds: 3 }),
    ]);
    expect(conflictList(parseConflictState(byId["WP-3"].conflict))[0]).toMatchObject({ resolvedBy: "fresh" });
    await expect(resolveConflict(ctx, first.run.id, "WP-3", "agent")).rejects.toThrow(/no conflict waiting/);
  });

  it("undoes a resolution that breaks the tests and counts it as a round", async () => {
    const { repo, run } = await registryEngine();
    const result = await run(plan([plugin("WP-1"), plugin("WP-2")]), "default=add-entry resolve=break-tests");
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "conflicted" });
    const open = parseConflictState(result.packages.find((p) => p.wpId === "WP-2")!.conflict).current!;
    expect(open.rounds).toBe(2);
    expect(open.lastProblem).toContain("BROKEN exists");
    // The feature branch never held the broken resolution.
    expect(checkEveryMerge(repo, result.run.featureBranch!)).toBe(1);
    expect(git(repo, "ls-tree", "-r", "--name-only", result.run.featureBranch!)).not.toContain("BROKEN");
  });

  it("sends an agent's resolution through the gates after the spec review: a person approves it", async () => {
    const { ctx, drive, db, driveUntil, project } = await registryEngine();
    const { run: created } = await createRun(db, {
      projectId: project.id,
      wbs: plan([plugin("WP-1"), plugin("WP-2")]),
      options: {
        agent: "custom",
        humanGate: true,
        reviewMode: "off",
        staggerSeconds: 0,
        agentSettings: {
          customCommand: `node ${FAKE_AGENT} default=add-entry`,
          permissionMode: "bypassPermissions",
          allowedTools: [],
          extraArgs: "",
          sandbox: false,
        },
      },
    });
    await launchRun(ctx, created.id);
    await driveUntil(created.id, { "WP-1": "awaiting_approval", "WP-2": "awaiting_approval" });
    await approvePackage(ctx, created.id, "WP-1");
    await approvePackage(ctx, created.id, "WP-2");
    // WP-1 merges, WP-2 conflicts, its agent resolves it, and the person is asked again.
    await driveUntil(created.id, { "WP-1": "merged", "WP-2": "awaiting_approval" });
    const waiting = await loadRunSnapshot(db, created.id);
    const wp2 = waiting.packages.find((p) => p.wpId === "WP-2")!;
    expect(parseConflictState(wp2.conflict).current).toMatchObject({ phase: "resolved", by: "agent", rounds: 1 });
    await approvePackage(ctx, created.id, "WP-2");
    await drive(created.id);
    const done = await loadRunSnapshot(db, created.id);
    expect(statuses(done)).toEqual({ "WP-1": "merged", "WP-2": "merged" });
    expect(conflictList(parseConflictState(done.packages[1].conflict))).toEqual([
      expect.objectContaining({ resolvedBy: "agent", rounds: 1 }),
    ]);
  });

  it("asks a person at once when the project allows no agent rounds", async () => {
    const { run } = await registryEngine();
    const result = await run(plan([plugin("WP-1"), plugin("WP-2")]), "default=add-entry", { resolveRounds: 0 });
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "conflicted" });
    expect(parseConflictState(result.packages[1].conflict).current).toMatchObject({ rounds: 0, phase: "waiting" });
  });
});
