import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { savePlan } from "@/lib/server/engine/commands/save-plan";
import { getRunState } from "./get-run-state";
import { mergeRunIntoBase } from "./merge-into-base";
import { readLogChunk, safeChunkEnd } from "./read-log-chunk";
import { packageDiff, runDiff } from "./run-diff";

describe("merging a completed run into its base", () => {
  it("merges with --no-ff in the user's checkout when it is clean, and refuses a second time", async () => {
    const { run, repo, db, dataDir } = await setupEngine();
    const done = await run(plan([pkg("WP-1"), pkg("WP-2")]), "default=succeed");
    const result = await mergeRunIntoBase(db, dataDir, done.run.id);
    expect(result.base).toBe("main");
    expect(git(repo, "log", "-1", "--format=%P", "main").trim().split(" ")).toHaveLength(2);
    expect(git(repo, "status", "--porcelain")).toBe("");
    // The checkout's files follow the branch.
    expect(git(repo, "ls-files", "src")).toContain("src/wp-1.ts");
    await expect(mergeRunIntoBase(db, dataDir, done.run.id)).rejects.toThrow(/already merged into main/);
  });

  it("refuses when the checkout on the base has uncommitted changes, and loses nothing", async () => {
    const { run, repo, db, dataDir } = await setupEngine();
    const done = await run(plan([pkg("WP-1")]), "default=succeed");
    writeFileSync(path.join(repo, "README.md"), "my unsaved notes\n");
    await expect(mergeRunIntoBase(db, dataDir, done.run.id)).rejects.toThrow(
      /checked out in .* with uncommitted changes: commit or stash them/,
    );
    expect(git(repo, "diff", "--name-only").trim()).toBe("README.md");
  });

  it("refuses, naming the files, when the base moved in a conflicting way", async () => {
    const { run, repo, db, dataDir } = await setupEngine();
    const done = await run(plan([pkg("WP-1", [], { expected_outputs: ["shared.txt"] })]), "default=succeed");
    writeFileSync(path.join(repo, "shared.txt"), "changed on main meanwhile\n");
    git(repo, "commit", "-qam", "move main");
    await expect(mergeRunIntoBase(db, dataDir, done.run.id)).rejects.toThrow(/merging would conflict in shared.txt/);
  });

  it("merges in a temporary worktree when the base is not checked out anywhere", async () => {
    const { run, repo, db, dataDir } = await setupEngine();
    const done = await run(plan([pkg("WP-1")]), "default=succeed");
    git(repo, "checkout", "-q", "-b", "elsewhere");
    await mergeRunIntoBase(db, dataDir, done.run.id);
    expect(git(repo, "log", "-1", "--format=%s", "main")).toMatch(/^Merge flotilla\//);
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("elsewhere");
    expect(git(repo, "worktree", "list").trim().split("\n")).toHaveLength(1);
  });
});

describe("run views", () => {
  it("gives the state, the merged diff with merges in order, and a package diff", async () => {
    const { run, db } = await setupEngine();
    const done = await run(plan([pkg("WP-1"), pkg("WP-2", ["WP-1"])]), "default=succeed");
    const state = await getRunState(db, done.run.id);
    expect(state).toMatchObject({ totals: { packages: 2, merged: 2, failed: 0 }, waves: [["WP-1"], ["WP-2"]] });
    expect(state.packages[0].lastLines.join("\n")).toContain("WP-1 done");
    const diff = await runDiff(db, done.run.id);
    expect(diff.files.map((f) => f.path)).toEqual(["src/wp-1.ts", "src/wp-2.ts"]);
    expect(diff.merges.map((m) => m.wpId)).toEqual(["WP-1", "WP-2"]);
    expect((await packageDiff(db, done.run.id, "WP-2")).files.map((f) => f.path)).toEqual(["src/wp-2.ts"]);
    await expect(packageDiff(db, done.run.id, "WP-9")).rejects.toThrow(/no package WP-9/);
  });

  it("saves an edited plan while planned, keeping its problems for the editor, and refuses one it cannot store", async () => {
    const { db, project } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2")]),
      options: { agent: "demo" },
    });
    const edited = plan([pkg("WP-1", [], { name: "" }), pkg("WP-2", ["WP-1"])]);
    const validation = await savePlan(db, run.id, edited);
    expect(validation.errors.map((e) => e.code)).toEqual(["name-empty"]);
    expect(await db.workPackageDependency.count()).toBe(1);
    await expect(savePlan(db, run.id, plan([pkg("WP-1", ["WP-7"])]))).rejects.toThrow(
      /depends on WP-7, which is not in the plan/,
    );
    await db.run.update({ where: { id: run.id }, data: { status: "running" } });
    await expect(savePlan(db, run.id, edited)).rejects.toThrow(/its plan can no longer change/);
  });
});

describe("log chunks", () => {
  it("end at a line break or a whole UTF-8 character", () => {
    const bytes = new TextEncoder().encode("ab\ncdé");
    expect(safeChunkEnd(bytes, false)).toBe(3);
    const noNewline = new TextEncoder().encode("xé");
    expect(safeChunkEnd(noNewline.subarray(0, 2), false)).toBe(1);
  });

  it("are served from an offset, and a partial last line comes with the next request", async () => {
    const file = path.join(tempDir(), "agent.log");
    writeFileSync(file, "line 1\nline 2\npartial");
    const first = await readLogChunk(file, 0);
    expect(first).toEqual({ text: "line 1\nline 2\n", offset: 0, nextOffset: 14, size: 21 });
    expect(await readLogChunk(file, first.nextOffset)).toMatchObject({ text: "partial", nextOffset: 21 });
    expect(await readLogChunk(file, 999)).toMatchObject({ text: "", offset: 21 });
    expect(await readLogChunk(path.join(tempDir(), "missing.log"), 0)).toMatchObject({ text: "", size: 0 });
  });
});
