import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { FAKE_AGENT, pkg, plan, setupEngine, statuses } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { requestRunCancel } from "@/lib/server/engine/commands/cancel";
import { deleteRun, previewRunDeletion } from "@/lib/server/engine/commands/delete-run";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { tick } from "@/lib/server/engine/reconcile/tick";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { isWorkerAlive } from "@/lib/node/process/worker-process";
import { mergeRunIntoBase } from "@/lib/server/runs/merge-into-base";

/** HEAD, index, status and every working file of the user's checkout. */
function checkoutFingerprint(repo: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === ".git") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(repo, full)}\0${readFileSync(full)}\0`);
    }
  };
  walk(repo);
  hash.update(readFileSync(path.join(repo, ".git", "HEAD")));
  hash.update(readFileSync(path.join(repo, ".git", "index")));
  hash.update(git(repo, "status", "--porcelain"));
  return hash.digest("hex");
}

const branches = (repo: string) =>
  git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads").trim().split("\n").filter(Boolean).sort();
const worktreePaths = (repo: string) =>
  git(repo, "worktree", "list", "--porcelain")
    .split("\n")
    .filter((l) => l.startsWith("worktree "))
    .map((l) => l.slice(9));

let delay: string | undefined;
beforeEach(() => {
  // The demo agent paces itself; its workers inherit this.
  delay = process.env.FLOTILLA_DEMO_DELAY_MS;
  process.env.FLOTILLA_DEMO_DELAY_MS = "20";
});
afterEach(() => {
  if (delay === undefined) delete process.env.FLOTILLA_DEMO_DELAY_MS;
  else process.env.FLOTILLA_DEMO_DELAY_MS = delay;
});

describe("deleting a run (real git, real processes)", () => {
  it("removes a demo run merged into the base: its branch, files and rows go, the merged result stays", async () => {
    const { db, ctx, repo, project, drive } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2", ["WP-1"])], "Add the two parts"),
      options: { agent: "demo", reviewMode: "off" },
    });
    await launchRun(ctx, run.id);
    expect(await drive(run.id)).toBe("completed");
    const { commit } = await mergeRunIntoBase(db, ctx.dataDir, run.id);
    const mainBefore = git(repo, "rev-parse", "main").trim();
    expect(mainBefore).toBe(commit);
    const checkout = checkoutFingerprint(repo);
    const runDir = path.join(ctx.dataDir, "runs", run.id);
    const worktreesDir = path.join(ctx.dataDir, "worktrees", run.id);
    expect(existsSync(runDir)).toBe(true);

    const preview = await previewRunDeletion(ctx, run.id);
    expect(preview).toMatchObject({
      blocked: null,
      worktrees: [],
      branches: [`flotilla/${run.slug}`],
      keptBranches: [],
      files: [runDir, worktreesDir],
    });
    expect(preview.stays).toEqual(["main and everything already merged into it", `your own checkout at ${repo}`]);

    const result = await deleteRun(ctx, run.id);
    expect(result.branches).toEqual([`flotilla/${run.slug}`]);
    expect(branches(repo)).toEqual(["main"]);
    expect(git(repo, "rev-parse", "main").trim()).toBe(mainBefore);
    expect(git(repo, "log", "--merges", "--format=%s", "main")).toContain(`Merge flotilla/${run.slug}`);
    expect(readFileSync(path.join(repo, "src", "wp-1.ts"), "utf8")).not.toBe("");
    expect(checkoutFingerprint(repo)).toBe(checkout);
    expect(existsSync(runDir)).toBe(false);
    expect(existsSync(worktreesDir)).toBe(false);
    expect(await db.run.count({ where: { id: run.id } })).toBe(0);
    expect(await db.workPackage.count({ where: { runId: run.id } })).toBe(0);
    expect(await db.attempt.count({ where: { workPackage: { runId: run.id } } })).toBe(0);
    expect(await db.event.count({ where: { runId: run.id, type: "run.deleted" } })).toBe(1);

    await expect(deleteRun(ctx, run.id)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("removes a failed run's worktrees and branches, keeps the one checked out in the user's own worktree, and can be repeated after a crash", async () => {
    const { db, ctx, repo, dataDir, run } = await setupEngine();
    const result = await run(plan([pkg("WP-1"), pkg("WP-2"), pkg("WP-3", ["WP-1"])]), "WP-2=fail default=succeed");
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "failed", "WP-3": "merged" });
    const { slug, id } = result.run;
    const runWorktrees = worktreePaths(repo).filter((p) => p.startsWith(dataDir));
    expect(runWorktrees.length).toBeGreaterThanOrEqual(2); // the integration worktree and WP-2's
    expect(branches(repo)).toContain(`flotilla/${slug}--wp-2-a1`);
    // The user checks out the feature branch in a worktree of their own, outside the data folder.
    const own = path.join(tempDir("flotilla-own-"), "review");
    git(repo, "worktree", "remove", "--force", path.join(dataDir, "worktrees", id, "_integration"));
    git(repo, "worktree", "add", own, `flotilla/${slug}`);
    const checkout = checkoutFingerprint(repo);

    const preview = await previewRunDeletion(ctx, id);
    expect(preview.keptBranches).toEqual([{ branch: `flotilla/${slug}`, checkedOutIn: own }]);
    expect(preview.branches).toEqual([`flotilla/${slug}--wp-2-a1`]);
    expect(preview.worktrees).toEqual([path.join(dataDir, "worktrees", id, "WP-2")]);
    expect(preview.stays).toContain(`flotilla/${slug}, because it is checked out in ${own}`);

    // A crash halfway through an earlier delete: WP-2's folder is gone, git still lists it.
    rmSync(path.join(dataDir, "worktrees", id, "WP-2"), { recursive: true, force: true });
    const deleted = await deleteRun(ctx, id);
    expect(deleted.branches).toEqual([`flotilla/${slug}--wp-2-a1`]);
    expect(deleted.keptBranches.map((k) => k.branch)).toEqual([`flotilla/${slug}`]);
    expect(worktreePaths(repo)).toEqual([repo, own]);
    expect(branches(repo)).toEqual([`flotilla/${slug}`, "main"]);
    expect(existsSync(path.join(dataDir, "runs", id))).toBe(false);
    expect(existsSync(path.join(dataDir, "worktrees", id))).toBe(false);
    expect(existsSync(own)).toBe(true);
    expect(checkoutFingerprint(repo)).toBe(checkout);
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("main");
    expect(await db.run.findUnique({ where: { id } })).toBeNull();
    await expect(deleteRun(ctx, id)).rejects.toThrow(/There is no run/);
    // The same task again does not pick up the kept branch: its slug counts as taken.
    const again = await run(plan([pkg("WP-1")]), "default=succeed");
    expect(again.run.slug).toBe(`${slug}-2`);
    expect(git(repo, "rev-parse", `flotilla/${slug}`).trim()).not.toBe(
      git(repo, "rev-parse", `flotilla/${slug}-2`).trim(),
    );
  });

  it("refuses a running run until it is cancelled, and leaves no agent process behind", async () => {
    const { db, ctx, project, drive } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2")]),
      options: {
        agent: "custom",
        agentSettings: {
          customCommand: `node ${FAKE_AGENT} default=hang`,
          permissionMode: "bypassPermissions",
          allowedTools: [],
          extraArgs: "",
          sandbox: false,
        },
        graceSeconds: 1,
      },
    });
    await launchRun(ctx, run.id);
    await tick(ctx, run.id);
    const pids = (await loadRunSnapshot(db, run.id)).packages.map((p) => p.latestAttempt!.pid!);
    expect(pids.every(isWorkerAlive)).toBe(true);
    await expect(deleteRun(ctx, run.id)).rejects.toMatchObject({
      kind: "conflict",
      message: expect.stringMatching(/still running: cancel it first/),
    });
    expect(await db.run.count({ where: { id: run.id } })).toBe(1);

    await requestRunCancel(ctx, run.id);
    expect(await drive(run.id)).toBe("cancelled");
    await deleteRun(ctx, run.id);
    expect(pids.some(isWorkerAlive)).toBe(false);
    expect(await db.run.count({ where: { id: run.id } })).toBe(0);
  });
});
