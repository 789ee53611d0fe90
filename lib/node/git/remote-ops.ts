// The repository's remotes: what a project's "remote" setting may name, their URLs, and pushing
// a run's feature branch to one (argument arrays only; a remote git could read as an option is
// refused).
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { runGit, type GitResult } from "./run-git";

/** Git's words with any user and password in a URL left out (`https://user:token@host` → `https://•••@host`). */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s]+@/gi, "$1•••@");
}

/** A remote's name (origin) as opposed to a URL or path git can reach (it has no / or :). */
export function isRemoteName(remote: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(remote) && !remote.startsWith("-");
}

/** The names of the repository's remotes (empty when it has none, or is not a repository). */
export async function listRemotes(repo: string): Promise<string[]> {
  const result = await runGit(repo, ["remote"]);
  return result.exitCode === 0
    ? result.stdout
        .split("\n")
        .map((r) => r.trim())
        .filter(Boolean)
    : [];
}

function assertSafeRemote(remote: string): void {
  if (remote.trim() === "" || remote.startsWith("-") || /[\s\0]/.test(remote))
    throw new Error(`Refusing the remote "${remote.slice(0, 80)}": it is empty, has spaces or starts with "-"`);
}

function assertSafeBranch(branch: string): void {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.startsWith("-") || branch.includes(".."))
    throw new Error(`Refusing to push the branch "${branch.slice(0, 80)}": not a plain branch name`);
}

/**
 * The URL a remote fetches from (or pushes to, with `push`); a remote given as a URL or path is
 * its own URL. Null when the repository has no such remote.
 */
export async function remoteUrlOf(
  repo: string,
  remote: string,
  options: { push?: boolean } = {},
): Promise<string | null> {
  assertSafeRemote(remote);
  if (!isRemoteName(remote)) return remote;
  const result = await runGit(repo, ["remote", "get-url", ...(options.push ? ["--push"] : []), remote]);
  return result.exitCode === 0 ? result.stdout.trim() || null : null;
}

/** The repository's top level (where a forge CLI looks for its remotes). */
export async function repositoryTopLevel(repo: string): Promise<string> {
  const result = await runGit(repo, ["rev-parse", "--show-toplevel"]);
  return result.exitCode === 0 && result.stdout.trim() ? result.stdout.trim() : repo;
}

/**
 * Pushes `branch` to the same name on `remote`, never forced: an unchanged branch is a no-op,
 * and one the remote has moved ahead is refused (the caller says what to do). Never throws for
 * git's own refusal: the result says it.
 */
export async function pushBranch(
  repo: string,
  remote: string,
  branch: string,
  timeoutMs = 120_000,
): Promise<GitResult> {
  assertSafeRemote(remote);
  assertSafeBranch(branch);
  const ref = `refs/heads/${branch}`;
  return runGit(repo, ["push", "--", remote, `${ref}:${ref}`], timeoutMs);
}

/** The commit `branch` points at on `remote` (asks the remote), or null when it has no such branch. */
export async function remoteBranchCommit(repo: string, remote: string, branch: string): Promise<string | null> {
  assertSafeRemote(remote);
  assertSafeBranch(branch);
  const result = await runGit(repo, ["ls-remote", "--", remote, `refs/heads/${branch}`], 60_000);
  if (result.exitCode !== 0) return null;
  return result.stdout.trim().split(/\s+/)[0] || null;
}

/**
 * Puts `commit` on `branch` of `remote`, forced: an attempt's branch is Flotilla's own, and a
 * runner's push of a retried attempt replaces what a lost one left. Throws with git's words.
 */
export async function pushCommit(
  repo: string,
  remote: string,
  commit: string,
  branch: string,
  timeoutMs = 120_000,
): Promise<void> {
  assertSafeRemote(remote);
  assertSafeBranch(branch);
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new Error(`Refusing to push "${commit.slice(0, 80)}": not a commit id`);
  const result = await runGit(repo, ["push", "--force", "--", remote, `${commit}:refs/heads/${branch}`], timeoutMs);
  if (result.exitCode !== 0)
    throw new Error(
      withoutCredentials(`git push to ${remote} failed: ${(result.stderr || result.stdout).trim().slice(0, 1000)}`),
    );
}

/**
 * Fetches `branch` from `remote` into a ref of Flotilla's own (refs/flotilla-fetch/…, never a
 * branch someone has checked out) and returns its tip. Throws with git's words.
 */
export async function fetchBranchTip(
  repo: string,
  remote: string,
  branch: string,
  timeoutMs = 120_000,
): Promise<string> {
  assertSafeRemote(remote);
  assertSafeBranch(branch);
  const local = `refs/flotilla-fetch/${branch}`;
  const result = await runGit(repo, ["fetch", "--no-tags", "--", remote, `+refs/heads/${branch}:${local}`], timeoutMs);
  if (result.exitCode !== 0)
    throw new Error(
      withoutCredentials(`git fetch from ${remote} failed: ${(result.stderr || result.stdout).trim().slice(0, 1000)}`),
    );
  const tip = await runGit(repo, ["rev-parse", "--verify", `${local}^{commit}`]);
  if (tip.exitCode !== 0) throw new Error(withoutCredentials(`git fetch from ${remote} brought no ${branch}`));
  return tip.stdout.trim();
}

/** A bare clone of `remote` at `dir` (made when missing; a half-made one is made again). */
export async function ensureBareClone(remote: string, dir: string, timeoutMs = 600_000): Promise<void> {
  assertSafeRemote(remote);
  if (existsSync(path.join(dir, "HEAD"))) return;
  await rm(dir, { recursive: true, force: true });
  const result = await runGit(path.dirname(dir), ["clone", "--bare", "--no-tags", "--", remote, dir], timeoutMs);
  if (result.exitCode !== 0)
    throw new Error(
      withoutCredentials(`git clone of ${remote} failed: ${(result.stderr || result.stdout).trim().slice(0, 1000)}`),
    );
}

/** True when `repo` holds the commit `commit`. */
export async function hasCommit(repo: string, commit: string): Promise<boolean> {
  return (await runGit(repo, ["cat-file", "-e", `${commit}^{commit}`])).exitCode === 0;
}
