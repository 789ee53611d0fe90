// The git steps of a run. Every one is safe to repeat after a crash: "ensure" steps check what
// exists before acting, removals tolerate what is already gone.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { runGit, type GitResult } from "./run-git";

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(
      `git ${args.join(" ")} failed (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().slice(0, 2000)}`,
    );
    this.name = "GitError";
  }
}

async function git(cwd: string, args: string[], timeoutMs?: number): Promise<string> {
  const result = await runGit(cwd, args, timeoutMs);
  if (result.exitCode !== 0) throw new GitError(args, result);
  return result.stdout;
}

/** -c flags giving commits an identity when the repository has none configured. */
export async function identityArgs(repo: string): Promise<string[]> {
  const name = await runGit(repo, ["config", "user.name"]);
  const email = await runGit(repo, ["config", "user.email"]);
  const args: string[] = [];
  if (name.exitCode !== 0 || !name.stdout.trim()) args.push("-c", "user.name=Flotilla");
  if (email.exitCode !== 0 || !email.stdout.trim()) args.push("-c", "user.email=flotilla@localhost");
  return args;
}

export async function resolveCommit(repo: string, ref: string): Promise<string> {
  return (await git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim();
}

export async function branchExists(repo: string, branch: string): Promise<boolean> {
  return (await runGit(repo, ["show-ref", "--verify", "--quiet", `refs/heads/${branch}`])).exitCode === 0;
}

/** Creates `branch` at `startPoint` unless it exists. */
export async function ensureBranch(repo: string, branch: string, startPoint: string): Promise<void> {
  if (!(await branchExists(repo, branch))) await git(repo, ["branch", "--no-track", branch, startPoint]);
}

export async function deleteBranch(repo: string, branch: string): Promise<void> {
  if (await branchExists(repo, branch)) await git(repo, ["branch", "-D", branch]);
}

export async function isAncestor(repo: string, ancestor: string, descendant: string): Promise<boolean> {
  return (await runGit(repo, ["merge-base", "--is-ancestor", ancestor, descendant])).exitCode === 0;
}

interface WorktreeEntry {
  path: string;
  branch: string | null;
}

export async function listWorktrees(repo: string): Promise<WorktreeEntry[]> {
  const out = await git(repo, ["worktree", "list", "--porcelain"]);
  return out
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const lines = block.split("\n");
      const wt = lines.find((l) => l.startsWith("worktree "))?.slice(9) ?? "";
      const branch =
        lines
          .find((l) => l.startsWith("branch "))
          ?.slice(7)
          .replace(/^refs\/heads\//, "") ?? null;
      return { path: wt, branch };
    });
}

/**
 * Makes `dir` a worktree of `repo` on `branch`, creating the branch at `startPoint` when it does
 * not exist. A leftover folder that git no longer knows is cleared first.
 */
export async function ensureWorktree(repo: string, dir: string, branch: string, startPoint: string): Promise<void> {
  const known = (await listWorktrees(repo)).find((w) => path.resolve(w.path) === path.resolve(dir));
  if (known && existsSync(dir)) {
    if (known.branch === branch) return;
    throw new Error(`${dir} is a worktree of ${known.branch ?? "a detached HEAD"}, not ${branch}`);
  }
  if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
  await git(repo, ["worktree", "prune"]);
  if (await branchExists(repo, branch)) await git(repo, ["worktree", "add", dir, branch]);
  else await git(repo, ["worktree", "add", "-b", branch, dir, startPoint]);
}

/** Puts an existing worktree on a new branch from its HEAD, keeping its uncommitted changes. */
export async function switchWorktreeBranch(repo: string, dir: string, branch: string): Promise<void> {
  const known = (await listWorktrees(repo)).find((w) => path.resolve(w.path) === path.resolve(dir));
  if (!known || !existsSync(dir)) throw new Error(`${dir} is not a worktree of ${repo} any more`);
  if (known.branch === branch) return;
  await git(dir, ["switch", "-C", branch]);
}

/** Removes a worktree and its folder; nothing happens for one that is already gone. */
export async function removeWorktree(repo: string, dir: string): Promise<void> {
  const known = (await listWorktrees(repo)).some((w) => path.resolve(w.path) === path.resolve(dir));
  if (known) await runGit(repo, ["worktree", "remove", "--force", "--force", dir]);
  if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
  await git(repo, ["worktree", "prune"]);
}

/** Forgets worktrees whose folders are gone (after a crash between removing a folder and pruning). */
export async function pruneWorktrees(repo: string): Promise<void> {
  await git(repo, ["worktree", "prune"]);
}

/** Stages and commits everything in a worktree except `keepOut` (files copied in, never
 * committed); returns false when there was nothing to commit. */
export async function commitAll(worktree: string, message: string, keepOut: readonly string[] = []): Promise<boolean> {
  await git(worktree, ["add", "-A"]);
  if (keepOut.length > 0) await runGit(worktree, ["reset", "-q", "--", ...keepOut]);
  const staged = await runGit(worktree, ["diff", "--cached", "--quiet"]);
  if (staged.exitCode === 0) return false;
  await git(worktree, [...(await identityArgs(worktree)), "commit", "--no-verify", "-q", "-m", message]);
  return true;
}

/** Files that differ between two commits. */
export async function changedFiles(repo: string, from: string, to: string): Promise<string[]> {
  const out = await git(repo, ["diff", "--name-only", "-z", "--no-renames", from, to]);
  return out.split("\0").filter(Boolean).sort();
}

/** Files a merge of `theirs` into `ours` would conflict on (empty: it merges cleanly). */
export async function predictConflicts(repo: string, ours: string, theirs: string): Promise<string[]> {
  const args = ["merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs];
  const result = await runGit(repo, args);
  if (result.exitCode === 0) return [];
  if (result.exitCode === 1)
    return [
      ...new Set(
        result.stdout
          .split("\n")
          .slice(1)
          .map((l) => l.trim())
          .filter(Boolean),
      ),
    ].sort();
  throw new GitError(args, result);
}

/**
 * Merges `branch` into the worktree's branch with a merge commit; aborts cleanly on failure.
 * `verify: true` runs the repository's own merge hooks (a merge into the user's base does).
 */
export async function mergeNoFf(
  worktree: string,
  branch: string,
  message: string,
  options: { verify?: boolean } = {},
): Promise<string> {
  const args = [
    ...(await identityArgs(worktree)),
    "merge",
    "--no-ff",
    ...(options.verify ? [] : ["--no-verify"]),
    "--no-edit",
    "-m",
    message,
    branch,
  ];
  const result = await runGit(worktree, args);
  if (result.exitCode !== 0) {
    await runGit(worktree, ["merge", "--abort"]);
    throw new GitError(args, result);
  }
  return resolveCommit(worktree, "HEAD");
}

/** Moves the worktree's branch (and files) back to `commit`. */
export async function resetHard(worktree: string, commit: string): Promise<void> {
  await git(worktree, ["reset", "--hard", "-q", commit]);
  await git(worktree, ["clean", "-fdq"]);
}

/** True when tracked files in the worktree have uncommitted changes. */
export async function isDirty(worktree: string): Promise<boolean> {
  return (await git(worktree, ["status", "--porcelain", "--untracked-files=no"])).trim() !== "";
}

/** Puts a worktree back at its HEAD: an interrupted merge aborted, tracked changes dropped. */
export async function abortAndReset(worktree: string): Promise<void> {
  await runGit(worktree, ["merge", "--abort"]);
  await git(worktree, ["reset", "--hard", "-q", "HEAD"]);
}

/** A worktree at `ref` for a short job (a planner, a merge into the base): `ref` checked out, or detached. */
export async function addWorktree(
  repo: string,
  dir: string,
  ref: string,
  options: { detach?: boolean } = {},
): Promise<void> {
  await git(repo, ["worktree", "add", ...(options.detach ? ["--detach"] : []), dir, ref]);
}

/** The local branches, by short name. */
/**
 * The files each of the last `maxCommits` commits of `ref` changed (merges left out): the
 * history the shared-file forecast learns from. Bounded, so a huge history answers quickly.
 */
export async function recentChangedFiles(repo: string, ref: string, maxCommits = 2000): Promise<string[][]> {
  const out = await git(repo, [
    "log",
    `--max-count=${maxCommits}`,
    "--no-merges",
    "--name-only",
    "--format=%x1e",
    ref,
    "--",
  ]);
  return out
    .split("\x1e")
    .map((block) => block.split("\n").filter(Boolean))
    .filter((files) => files.length > 0);
}

/** Each local branch whose name starts with `prefix` and its commit, in one git call. */
export async function branchTips(repo: string, prefix: string): Promise<Map<string, string>> {
  const out = await git(repo, ["for-each-ref", "--format=%(refname:short) %(objectname)", `refs/heads/${prefix}*`]);
  return new Map(
    out
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
}

export async function listBranches(repo: string): Promise<string[]> {
  return (await git(repo, ["for-each-ref", "--format=%(refname:short)", "refs/heads"])).split("\n").filter(Boolean);
}

/** Every tracked file, as a relative path. */
export async function trackedFiles(repo: string): Promise<string[]> {
  return (await git(repo, ["ls-files", "-z"])).split("\0").filter(Boolean);
}

/** How a diff is computed: `ignoreWhitespace` is git's -w (a whitespace-only change disappears). */
export interface DiffOptions {
  ignoreWhitespace?: boolean;
}

const whitespaceArgs = (options: DiffOptions) => (options.ignoreWhitespace ? ["-w"] : []);

/** The unified diff between two commits, and per file its added and deleted line counts. */
export async function diffWithStats(
  repo: string,
  from: string,
  to: string,
  options: DiffOptions = {},
): Promise<{ text: string; files: Array<{ path: string; additions: number; deletions: number }> }> {
  const ws = whitespaceArgs(options);
  const text = await git(repo, ["diff", "--no-color", "--no-ext-diff", "-U3", ...ws, from, to]);
  const numstat = await git(repo, ["diff", "--numstat", "--no-renames", ...ws, from, to]);
  const files = numstat
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [add, del, ...rest] = line.split("\t");
      return { path: rest.join("\t"), additions: Number(add) || 0, deletions: Number(del) || 0 };
    });
  return { text, files };
}

/**
 * Per changed file, its modes and blob ids before and after (`git diff --raw`): a string that
 * changes exactly when the file's change does, whatever the whitespace option.
 */
export async function diffFileVersions(repo: string, from: string, to: string): Promise<Map<string, string>> {
  const out = await git(repo, ["diff", "--raw", "-z", "--no-abbrev", "--no-renames", from, to]);
  const fields = out.split("\0");
  const versions = new Map<string, string>();
  // -z: ":<old mode> <new mode> <old blob> <new blob> <status>" NUL "<path>" NUL, per file.
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (!fields[i].startsWith(":")) break;
    versions.set(fields[i + 1], fields[i].slice(1).split(" ").slice(0, 4).join(" "));
  }
  return versions;
}

/** The unified diff between two commits (what a reviewer reads). */
export async function diffText(repo: string, from: string, to: string, options: DiffOptions = {}): Promise<string> {
  return git(repo, ["diff", "--no-color", ...whitespaceArgs(options), `${from}..${to}`]);
}

/** The merge commits between two commits, oldest first. */
export async function mergeCommitsBetween(repo: string, from: string, to: string): Promise<string[]> {
  return (await git(repo, ["rev-list", "--merges", "--reverse", `${from}..${to}`])).split("\n").filter(Boolean);
}

/** Makes `dir` a new repository on `main` with everything in it committed (the demo project). */
export async function initRepository(dir: string, message: string): Promise<void> {
  const identity = ["-c", "user.name=Flotilla", "-c", "user.email=flotilla@localhost"];
  await git(dir, ["-c", "init.defaultBranch=main", "init", "-q"]);
  await git(dir, ["add", "-A"]);
  await git(dir, [...identity, "commit", "-q", "-m", message]);
}
