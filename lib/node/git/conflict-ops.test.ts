// The git steps of integrating a conflict, on real repositories: what counts as settled by git,
// what counts as a leftover marker, and that a refused resolution leaves the index as it was.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { tempDir } from "@/lib/testing/temp-dir";
import { commitResolution, mergeFeatureIntoPackage, unmergedFiles } from "./conflict-ops";

const commit = (repo: string, message: string) => {
  git(repo, "add", "-A");
  git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message);
  return git(repo, "rev-parse", "HEAD").trim();
};

/** A repository with `files` on main, a `feature` branch and a `package` branch changed by each callback. */
function diverged(files: Record<string, string | Buffer>, feature: () => void, pkg: () => void, repo: string) {
  git(path.dirname(repo), "init", "-q", "-b", "main", path.basename(repo));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(repo, name), text);
  commit(repo, "base");
  git(repo, "checkout", "-qb", "feature");
  feature();
  const featureTip = commit(repo, "feature");
  git(repo, "checkout", "-q", "main");
  git(repo, "checkout", "-qb", "package");
  pkg();
  const packageTip = commit(repo, "package");
  return { featureTip, packageTip };
}

describe("integrating a conflict in git", () => {
  it("calls a binary or delete/modify conflict a conflict, although it has no markers", async () => {
    const repo = path.join(tempDir("flotilla-conflict-ops-"), "r");
    const { featureTip } = diverged(
      { "logo.png": Buffer.from([0, 1, 2, 3]), "old.txt": "old\n" },
      () => {
        writeFileSync(path.join(repo, "logo.png"), Buffer.from([0, 9, 9, 9]));
        git(repo, "rm", "-q", "old.txt");
      },
      () => {
        writeFileSync(path.join(repo, "logo.png"), Buffer.from([0, 7, 7, 7]));
        writeFileSync(path.join(repo, "old.txt"), "changed\n");
      },
      repo,
    );
    const update = await mergeFeatureIntoPackage(repo, featureTip, "merge feature");
    expect(update).toEqual({ clean: false, conflicted: ["logo.png", "old.txt"] });
  });

  it("refuses new markers without staging anything, and ignores marker-like lines a side already had", async () => {
    const repo = path.join(tempDir("flotilla-conflict-ops-"), "r");
    const fixture = "A conflict, as a test fixture:\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n";
    const tips = diverged(
      { "list.txt": "a\n" },
      () => writeFileSync(path.join(repo, "list.txt"), "a\nfeature\n"),
      () => {
        writeFileSync(path.join(repo, "list.txt"), "a\npackage\n");
        writeFileSync(path.join(repo, "fixture.txt"), fixture);
      },
      repo,
    );
    const update = await mergeFeatureIntoPackage(repo, tips.featureTip, "merge feature");
    expect(update).toEqual({ clean: false, conflicted: ["list.txt"] });
    const refused = await commitResolution(repo, tips, "resolve");
    expect(refused).toEqual({ ok: false, problem: "conflict markers remain in list.txt", files: ["list.txt"] });
    // Still a conflict for git's own tools (nothing was staged).
    expect(await unmergedFiles(repo)).toEqual(["list.txt"]);
    writeFileSync(path.join(repo, "list.txt"), "a\npackage\nfeature\n");
    const accepted = await commitResolution(repo, tips, "resolve");
    expect(accepted.ok).toBe(true);
    expect(git(repo, "show", "HEAD:list.txt")).toBe("a\npackage\nfeature\n");
    expect(readFileSync(path.join(repo, "fixture.txt"), "utf8")).toBe(fixture);
  });

  it("says when the merge was abandoned instead of resolved", async () => {
    const repo = path.join(tempDir("flotilla-conflict-ops-"), "r");
    const tips = diverged(
      { "list.txt": "a\n" },
      () => writeFileSync(path.join(repo, "list.txt"), "a\nfeature\n"),
      () => writeFileSync(path.join(repo, "list.txt"), "a\npackage\n"),
      repo,
    );
    await mergeFeatureIntoPackage(repo, tips.featureTip, "merge feature");
    git(repo, "merge", "--abort");
    const result = await commitResolution(repo, tips, "resolve");
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining("abandoned") });
  });
});
