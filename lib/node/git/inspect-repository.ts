// Decides whether a path the user typed is a repository Flotilla can run against, and if not,
// says exactly what is wrong and what to do about it.
import { realpath, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runGit } from "./run-git";

export type RepositoryProblem =
  | "empty"
  | "invalid"
  | "not-absolute"
  | "not-found"
  | "unreadable"
  | "not-directory"
  | "not-git"
  | "inside-git-dir"
  | "bare"
  | "unsafe-owner"
  | "no-commits";

export type RepositoryInspection =
  | { ok: true; topLevel: string; currentBranch: string | null; branches: string[]; headCommit: string }
  | { ok: false; problem: RepositoryProblem; message: string };

const fail = (problem: RepositoryProblem, message: string): RepositoryInspection => ({ ok: false, problem, message });

/** Expands a leading ~ to the home folder, as a shell would. */
function expandHome(input: string): string {
  if (input === "~") return os.homedir();
  if (input.startsWith("~/")) return path.join(os.homedir(), input.slice(2));
  return input;
}

/** Inspects `input` (an absolute path, or ~/...) and returns the repository's facts or one problem. */
export async function inspectRepository(input: string): Promise<RepositoryInspection> {
  const typed = input.trim();
  if (typed === "") return fail("empty", "Enter the path of a git repository on this machine, e.g. /home/me/my-app");
  if (typed.includes("\0")) return fail("invalid", "The path contains a NUL byte: retype it");
  const expanded = expandHome(typed);
  if (!path.isAbsolute(expanded)) {
    return fail(
      "not-absolute",
      `"${typed}" is a relative path: enter the full path, starting with / (e.g. /home/me/my-app)`,
    );
  }
  const target = path.resolve(expanded);

  try {
    const info = await stat(target);
    if (!info.isDirectory())
      return fail("not-directory", `${target} is a file, not a folder: enter the repository's folder`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      return fail("not-found", `Nothing exists at ${target}: check the spelling`);
    return fail("unreadable", `Cannot read ${target} (${code ?? "unknown error"}): check its permissions`);
  }
  const real = await realpath(target);

  const bare = await runGit(real, ["rev-parse", "--is-bare-repository"]);
  if (bare.exitCode !== 0) {
    if (/dubious ownership/.test(bare.stderr)) {
      return fail(
        "unsafe-owner",
        `git refuses ${target} because another user owns it: run "git config --global --add safe.directory ${real}" or register a clone you own`,
      );
    }
    return fail(
      "not-git",
      `${target} is not a git repository: run "git init" there and make a first commit, or enter the repository's own folder`,
    );
  }
  if (bare.stdout.trim() === "true") {
    return fail(
      "bare",
      `${target} is a bare repository (it has no working tree): clone it ("git clone ${real} my-checkout") and register the clone`,
    );
  }
  const insideGitDir = await runGit(real, ["rev-parse", "--is-inside-git-dir"]);
  if (insideGitDir.stdout.trim() === "true") {
    return fail("inside-git-dir", `${target} is inside a .git folder: enter the repository's working folder instead`);
  }
  const topLevel = (await runGit(real, ["rev-parse", "--show-toplevel"])).stdout.trim();

  const head = await runGit(topLevel, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (head.exitCode !== 0) {
    return fail(
      "no-commits",
      `${topLevel} has no commits yet: make a first commit (git add -A && git commit -m "Initial commit") so runs have a base to branch from`,
    );
  }
  const branch = await runGit(topLevel, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  const branches = await runGit(topLevel, ["for-each-ref", "--format=%(refname:short)", "refs/heads"]);
  return {
    ok: true,
    topLevel,
    currentBranch: branch.exitCode === 0 ? branch.stdout.trim() : null,
    branches: branches.stdout
      .split("\n")
      .map((b) => b.trim())
      .filter(Boolean),
    headCommit: head.stdout.trim(),
  };
}
