import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { viewedPaths } from "@/lib/core/review/viewed-files";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { packageDiff, runDiff } from "./run-diff";
import { readViewedFiles, setFileViewed } from "./viewed-files";

describe("viewed files of a run's diffs", () => {
  it("are kept per run, scope and file, and lapse when the file's change changes", async () => {
    const { run, db, repo } = await setupEngine();
    const done = await run(plan([pkg("WP-1"), pkg("WP-2")]), "default=succeed");
    const runId = done.run.id;
    const feature = { kind: "feature" } as const;
    await setFileViewed(db, { runId, scope: feature, path: "src/wp-1.ts", viewed: true });
    expect((await readViewedFiles(db, runId, feature)).map((m) => m.path)).toEqual(["src/wp-1.ts"]);
    expect(await readViewedFiles(db, runId, { kind: "package", wpId: "WP-1" })).toEqual([]);
    const before = await runDiff(db, runId);
    expect([...viewedPaths(await readViewedFiles(db, runId, feature), before.files)]).toEqual(["src/wp-1.ts"]);

    // The feature branch moves on and changes that file: its mark no longer counts.
    commitOn(repo, done.run.featureBranch!, "src/wp-1.ts", "// changed again\n");
    const after = await runDiff(db, runId);
    expect(viewedPaths(await readViewedFiles(db, runId, feature), after.files).size).toBe(0);

    await setFileViewed(db, { runId, scope: feature, path: "src/wp-1.ts", viewed: false });
    expect(await readViewedFiles(db, runId, feature)).toEqual([]);
  });

  it("refuses a file that is not in that diff, an unknown package and an unknown run", async () => {
    const { run, db } = await setupEngine();
    const done = await run(plan([pkg("WP-1"), pkg("WP-2")]), "default=succeed");
    const runId = done.run.id;
    await expect(
      setFileViewed(db, { runId, scope: { kind: "package", wpId: "WP-1" }, path: "src/wp-2.ts", viewed: true }),
    ).rejects.toThrow("src/wp-2.ts is not a changed file of WP-1 as merged: reload the diff and try again");
    await expect(
      setFileViewed(db, { runId, scope: { kind: "package", wpId: "WP-9" }, path: "a", viewed: true }),
    ).rejects.toThrow("This run has no package WP-9");
    await expect(readViewedFiles(db, "no-such-run", { kind: "feature" })).rejects.toThrow(/run/i);
  });

  it("hides whitespace-only changes with -w and says which files were left out", async () => {
    const { run, db, repo } = await setupEngine();
    const done = await run(plan([pkg("WP-1")]), "default=succeed");
    commitOn(repo, done.run.featureBranch!, "shared.txt", "  base   line  \n");
    const shown = await runDiff(db, done.run.id);
    expect(shown.files.map((f) => f.path)).toEqual(["shared.txt", "src/wp-1.ts"]);
    expect(shown).toMatchObject({ hideWhitespace: false, whitespaceOnly: [] });
    const hidden = await runDiff(db, done.run.id, { ignoreWhitespace: true });
    expect(hidden.files.map((f) => f.path)).toEqual(["src/wp-1.ts"]);
    expect(hidden).toMatchObject({ hideWhitespace: true, whitespaceOnly: ["shared.txt"] });
    expect(hidden.diff).not.toContain("shared.txt");
    expect(hidden.files[0].version).toBe(shown.files[1].version);
    expect((await packageDiff(db, done.run.id, "WP-1")).subject).toEqual({
      kind: "package",
      wpId: "WP-1",
      merged: true,
    });
  });
});

/** A commit on `branch` (not checked out) writing one file, as a later change to the run would. */
function commitOn(repo: string, branch: string, file: string, text: string): void {
  git(repo, "checkout", "-q", branch);
  writeFileSync(path.join(repo, file), text);
  git(repo, "commit", "-qam", `change ${file}`);
  git(repo, "checkout", "-q", "main");
}
