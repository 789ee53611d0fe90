// The git steps of integrating a package whose merge would conflict: merge the feature branch's
// tip into the package branch in its own worktree (zdiff3 markers, rerere on, so a resolution
// git has seen before is reused), check a resolution for leftover markers in every file it
// touches, commit it, or undo it. Each step is safe to repeat after a crash.
import { existsSync } from "node:fs";
import path from "node:path";
import { GitError, identityArgs, isAncestor, resolveCommit } from "./git-ops";
import { runGit } from "./run-git";

const MERGE_CONFIG = ["-c", "merge.conflictStyle=zdiff3", "-c", "rerere.enabled=true"];
/** A line git writes to open or close a conflict (the middle ones alone are ordinary text, e.g. Markdown). */
const MARKER = "^(<<<<<<<|>>>>>>>)( |$)";

async function git(cwd: string, args: string[]): Promise<string> {
  const result = await runGit(cwd, args);
  if (result.exitCode !== 0) throw new GitError(args, result);
  return result.stdout;
}

const nulList = (out: string) => [...new Set(out.split("\0").filter(Boolean))].sort();

/** True while the worktree holds a merge that is not committed yet. */
export async function mergeInProgress(worktree: string): Promise<boolean> {
  const gitPath = (await git(worktree, ["rev-parse", "--git-path", "MERGE_HEAD"])).trim();
  return existsSync(path.resolve(worktree, gitPath));
}

/** Files still unmerged in the index. */
export async function unmergedFiles(worktree: string): Promise<string[]> {
  return nulList(await git(worktree, ["diff", "--name-only", "-z", "--diff-filter=U"]));
}

export interface BranchUpdate {
  /** Git (or a resolution it remembered) combined everything; the merge is committed. */
  clean: boolean;
  /** The files left with conflict markers, when not clean. */
  conflicted: string[];
}

/**
 * Merges `featureTip` into the worktree's branch. An earlier, unfinished merge is dropped first.
 * `forget`: do not reuse what rerere remembered for these conflicts (a resolution that failed
 * the tests must not come back on its own).
 */
export async function mergeFeatureIntoPackage(
  worktree: string,
  featureTip: string,
  message: string,
  options: { forget?: boolean } = {},
): Promise<BranchUpdate> {
  if (await mergeInProgress(worktree)) await runGit(worktree, ["merge", "--abort"]);
  await git(worktree, ["reset", "--hard", "-q", "HEAD"]);
  const identity = await identityArgs(worktree);
  const args = [
    ...identity,
    ...MERGE_CONFIG,
    "merge",
    "--no-ff",
    "--no-verify",
    "--no-edit",
    "-m",
    message,
    featureTip,
  ];
  const result = await runGit(worktree, args);
  if (result.exitCode === 0) return { clean: true, conflicted: [] };
  const unmerged = await unmergedFiles(worktree);
  if (unmerged.length === 0) {
    // Not a conflict (a hook, an unreadable object): leave the worktree as it was.
    await runGit(worktree, ["merge", "--abort"]);
    throw new GitError(args, result);
  }
  if (options.forget) {
    await runGit(worktree, [...MERGE_CONFIG, "rerere", "forget", "--", ...unmerged]);
    await git(worktree, ["checkout", "-m", "--", ...unmerged]);
  }
  // rerere may have written a remembered resolution into a file: those have no markers left.
  const withMarkers = await markedFiles(worktree, unmerged, "worktree");
  if (withMarkers.length > 0) return { clean: false, conflicted: withMarkers };
  await git(worktree, ["add", "--", ...unmerged]);
  await git(worktree, [...identity, ...MERGE_CONFIG, "commit", "--no-verify", "-q", "--no-edit"]);
  return { clean: true, conflicted: [] };
}

/** Of `files`, those with a conflict marker line, in the working files or in the index. */
async function markedFiles(worktree: string, files: readonly string[], where: "worktree" | "index"): Promise<string[]> {
  if (files.length === 0) return [];
  const args = ["grep", "-I", "-l", "-z", "-E", ...(where === "index" ? ["--cached"] : ["--no-index"]), MARKER, "--"];
  const present = files.filter((f) => where === "index" || existsSync(path.join(worktree, f)));
  if (present.length === 0) return [];
  const result = await runGit(worktree, [...args, ...present]);
  if (result.exitCode === 1) return [];
  if (result.exitCode !== 0) throw new GitError(args, result);
  return nulList(result.stdout);
}

export type ResolutionCheck = { ok: true; commit: string } | { ok: false; problem: string; files: string[] };

/**
 * Takes a resolution as it is in the worktree (an agent's or a person's): everything staged
 * except `keepOut`, no marker in any file that differs from the feature tip, the feature tip
 * still merged in. Commits it and returns the commit, or says what is wrong (and commits nothing).
 */
export async function commitResolution(
  worktree: string,
  featureTip: string,
  message: string,
  keepOut: readonly string[] = [],
): Promise<ResolutionCheck> {
  await git(worktree, ["add", "-A"]);
  if (keepOut.length > 0) await runGit(worktree, ["reset", "-q", "--", ...keepOut]);
  const unmerged = await unmergedFiles(worktree);
  if (unmerged.length > 0)
    return { ok: false, problem: `git still lists ${unmerged.join(", ")} as unmerged`, files: unmerged };
  const touched = nulList(await git(worktree, ["diff", "--cached", "--name-only", "-z", "--no-renames", featureTip]));
  const marked = await markedFiles(worktree, touched, "index");
  if (marked.length > 0)
    return { ok: false, problem: `conflict markers remain in ${marked.join(", ")}`, files: marked };
  const merging = await mergeInProgress(worktree);
  const staged = (await runGit(worktree, ["diff", "--cached", "--quiet"])).exitCode !== 0;
  if (merging || staged) {
    const identity = await identityArgs(worktree);
    await git(worktree, [...identity, ...MERGE_CONFIG, "commit", "--no-verify", "-q", "-m", message]);
  }
  const head = await resolveCommit(worktree, "HEAD");
  if (!(await isAncestor(worktree, featureTip, head)))
    return {
      ok: false,
      problem: "the merge of the feature branch was abandoned (aborted or reset): the conflict is still there",
      files: [],
    };
  return { ok: true, commit: head };
}

/** Puts the package branch back where it was before the update (a failed resolution undone). */
export async function undoBranchUpdate(worktree: string, packageTip: string): Promise<void> {
  if (await mergeInProgress(worktree)) await runGit(worktree, ["merge", "--abort"]);
  await git(worktree, ["reset", "--hard", "-q", packageTip]);
  await git(worktree, ["clean", "-fdq"]);
}

/** A file's text at a commit, or null when the file does not exist there or is binary. */
export async function fileAt(repo: string, commit: string, file: string, maxBytes = 200_000): Promise<string | null> {
  const result = await runGit(repo, ["show", `${commit}:${file}`]);
  if (result.exitCode !== 0) return null;
  if (result.stdout.includes("\0")) return null;
  return result.stdout.length > maxBytes
    ? `${result.stdout.slice(0, maxBytes)}\n… (cut at ${maxBytes} bytes)`
    : result.stdout;
}

/** The common ancestor of two commits (the base of a three-way view). */
export async function mergeBase(repo: string, a: string, b: string): Promise<string | null> {
  const result = await runGit(repo, ["merge-base", a, b]);
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** One package's change to some files: the diff its merge commit brought (first parent to it). */
export async function mergeDiff(
  repo: string,
  mergeCommit: string,
  files: readonly string[],
  maxChars = 6000,
): Promise<string> {
  const out = await git(repo, ["diff", "--no-color", `${mergeCommit}^1`, mergeCommit, "--", ...files]);
  return out.length > maxChars ? `${out.slice(0, maxChars)}\n… (cut)` : out;
}
