import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git, makeRepoShapes } from "@/e2e/fixtures/git-repos";
import { inspectRepository } from "./inspect-repository";

function shapes() {
  const repos = makeRepoShapes();
  return repos;
}

describe("inspectRepository (real git)", () => {
  it("accepts a committed repository and reports its branches", async () => {
    const repos = shapes();
    git(repos.good, "branch", "develop");
    const result = await inspectRepository(repos.good);
    expect(result).toMatchObject({
      ok: true,
      topLevel: repos.good,
      currentBranch: "main",
      branches: ["develop", "main"],
    });
    repos.cleanup();
  });

  it.each([
    ["empty", ""],
    ["not-absolute", "some/relative/path"],
    ["invalid", "/tmp/a\0b"],
  ] as const)("refuses %s input", async (problem, input) => {
    expect(await inspectRepository(input)).toMatchObject({ ok: false, problem });
  });

  it("refuses each kind of path that is not a usable repository, with a message saying what to do", async () => {
    const repos = shapes();
    const expectations = [
      [repos.missing, "not-found", "check the spelling"],
      [repos.file, "not-directory", "is a file, not a folder"],
      [repos.plainFolder, "not-git", 'run "git init" there'],
      [repos.bare, "bare", "register the clone"],
      [repos.noCommits, "no-commits", "make a first commit"],
      [path.join(repos.good, ".git"), "inside-git-dir", "inside a .git folder"],
    ] as const;
    for (const [input, problem, hint] of expectations) {
      const result = await inspectRepository(input);
      expect(result).toMatchObject({ ok: false, problem });
      if (!result.ok) expect(result.message).toContain(hint);
    }
    repos.cleanup();
  });

  it("resolves a subfolder and a symlink to the repository's top level", async () => {
    const repos = shapes();
    mkdirSync(path.join(repos.good, "src"));
    const link = path.join(repos.root, "link-to-repo");
    symlinkSync(repos.good, link);
    expect(await inspectRepository(path.join(repos.good, "src"))).toMatchObject({ ok: true, topLevel: repos.good });
    expect(await inspectRepository(link)).toMatchObject({ ok: true, topLevel: repos.good });
    repos.cleanup();
  });

  it("reports a detached HEAD as no current branch", async () => {
    const repos = shapes();
    git(repos.good, "checkout", "-q", "--detach");
    expect(await inspectRepository(repos.good)).toMatchObject({ ok: true, currentBranch: null });
    repos.cleanup();
  });

  it("ignores GIT_DIR in the server's environment", async () => {
    const repos = shapes();
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(repos.bare);
    try {
      expect(await inspectRepository(repos.good)).toMatchObject({ ok: true, topLevel: repos.good });
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
    repos.cleanup();
  });
});
