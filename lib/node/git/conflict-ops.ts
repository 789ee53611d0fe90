// The git steps of integrating a package whose merge would conflict: merge the feature branch's
// tip into the package branch in its own worktree (zdiff3 markers, rerere on, so a resolution
// git has seen before is reused), check a resolution for leftover markers, commit it, or undo
// it. Each step is safe to repeat after a crash. Paths are literal (never globs).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { GitError, identityArgs, isAncestor, resolveCommit } from "./git-ops";
import { runGit } from "./run-git";

const LITERAL = "--literal-pathspecs";
const mergeConfig = (rerere: boolean) => [
  "-c",
  "merge.conflictStyle=zdiff3",
  "-c",
  `rerere.enabled=${rerere}`,
  "-c",
  "rerere.autoUpdate=true",
];
/** A line git writes around a conflict. */
const MARKER = /^(<{7}|>{7}|\|{7})( |$)|^={7}$/;

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

/** Files still unmerged in the index (text, binary, deleted on one side: every kind of conflict). */
export async function unmergedFiles(worktree: string): Promise<string[]> {
  return nulList(await git(worktree, ["diff", "--name-only", "-z", "--diff-filter=U"]));
}

export interface BranchUpdate {
  /** Git (or a resolution rerere remembered) combined everything; the merge is committed. */
  clean: boolean;
  /** The files git could not combine, when not clean. */
  conflicted: string[];
}

/**
 * Merges `featureTip` into the worktree's branch. An earlier, unfinished merge is dropped first.
 * `rerere: false` after a resolution failed the tests: what rerere remembered must not come back.
 * Only what git itself resolved (the index has no unmerged entry left) counts as clean: a binary
 * file or a file deleted on one side has no markers, and is a conflict all the same.
 */
export async function mergeFeatureIntoPackage(
  worktree: string,
  featureTip: string,
  message: string,
  options: { rerere?: boolean } = {},
): Promise<BranchUpdate> {
  const config = mergeConfig(options.rerere !== false);
  if (await mergeInProgress(worktree)) await runGit(worktree, ["merge", "--abort"]);
  await git(worktree, ["reset", "--hard", "-q", "HEAD"]);
  const identity = await identityArgs(worktree);
  const args = [...identity, ...config, "merge", "--no-ff", "--no-verify", "--no-edit", "-m", message, featureTip];
  const result = await runGit(worktree, args);
  if (result.exitCode === 0) return { clean: true, conflicted: [] };
  const unmerged = await unmergedFiles(worktree);
  if (unmerged.length > 0) return { clean: false, conflicted: unmerged };
  if (!(await mergeInProgress(worktree))) {
    // Not a conflict (a hook, an unreadable object): leave the worktree as it was.
    throw new GitError(args, result);
  }
  // rerere settled every conflict (and staged it): commit the merge.
  await git(worktree, [...identity, ...config, "commit", "--no-verify", "-q", "--no-edit"]);
  return { clean: true, conflicted: [] };
}

/** Marker lines of a text (null for a binary or missing file). */
async function markerLines(file: string): Promise<string[] | null> {
  try {
    const text = await readFile(file, "utf8");
    if (text.includes("\0")) return null;
    return text.split("\n").filter((l) => MARKER.test(l));
  } catch {
    return null;
  }
}

async function markerLinesAt(worktree: string, commit: string, file: string): Promise<string[]> {
  const shown = await runGit(worktree, [LITERAL, "show", `${commit}:${file}`]);
  return shown.exitCode === 0 ? shown.stdout.split("\n").filter((l) => MARKER.test(l)) : [];
}

/**
 * Files in the worktree with a conflict marker that neither side had: every file that differs
 * from the feature tip (tracked or new), not only the conflicted ones. A marker-like line the
 * package or the feature branch already had (a fixture, a patch) does not count.
 */
async function filesWithNewMarkers(worktree: string, featureTip: string, packageTip: string): Promise<string[]> {
  const changed = nulList(await git(worktree, [LITERAL, "diff", "--name-only", "-z", "--no-renames", featureTip]));
  const created = nulList(await git(worktree, ["ls-files", "-z", "--others", "--exclude-standard"]));
  const marked: string[] = [];
  for (const file of [...new Set([...changed, ...created])].sort()) {
    const lines = await markerLines(path.join(worktree, file));
    if (!lines || lines.length === 0) continue;
    const known = new Set([
      ...(await markerLinesAt(worktree, featureTip, file)),
      ...(await markerLinesAt(worktree, packageTip, file)),
    ]);
    if (lines.some((l) => !known.has(l))) marked.push(file);
  }
  return marked;
}

export type ResolutionCheck = { ok: true; commit: string } | { ok: false; problem: string; files: string[] };

/**
 * Takes a resolution as it is in the worktree (an agent's or a person's). It is checked before
 * anything is staged (a refused one leaves the index as it was, conflicts still listed): no new
 * conflict marker in any file that differs from the feature tip. Then everything but `keepOut`
 * is staged and committed, and the feature tip must still be merged in.
 */
export async function commitResolution(
  worktree: string,
  tips: { featureTip: string; packageTip: string },
  message: string,
  keepOut: readonly string[] = [],
): Promise<ResolutionCheck> {
  const marked = await filesWithNewMarkers(worktree, tips.featureTip, tips.packageTip);
  if (marked.length > 0)
    return { ok: false, problem: `conflict markers remain in ${marked.join(", ")}`, files: marked };
  await git(worktree, ["add", "-A"]);
  if (keepOut.length > 0) await runGit(worktree, [LITERAL, "reset", "-q", "--", ...keepOut]);
  const merging = await mergeInProgress(worktree);
  const staged = (await runGit(worktree, ["diff", "--cached", "--quiet"])).exitCode !== 0;
  if (merging || staged) {
    const identity = await identityArgs(worktree);
    await git(worktree, [...identity, ...mergeConfig(true), "commit", "--no-verify", "-q", "-m", message]);
  }
  const head = await resolveCommit(worktree, "HEAD");
  if (!(await isAncestor(worktree, tips.featureTip, head)))
    return {
      ok: false,
      problem: "the merge of the feature branch was abandoned (aborted or reset): the conflict is still there",
      files: [],
    };
  return { ok: true, commit: head };
}

/** Puts the package branch back where it was before the update (a failed resolution undone). */
export async function undoBranchUpdate(
  worktree: string,
  packageTip: string,
  keep: readonly string[] = [],
): Promise<void> {
  if (await mergeInProgress(worktree)) await runGit(worktree, ["merge", "--abort"]);
  await git(worktree, ["reset", "--hard", "-q", packageTip]);
  // Files copied in from the user's checkout (.env) stay.
  await git(worktree, ["clean", "-fdq", ...keep.flatMap((f) => ["-e", `/${f}`])]);
}

/** A file's text at a commit, or null when the file does not exist there or is binary. */
export async function fileAt(repo: string, commit: string, file: string, maxBytes = 200_000): Promise<string | null> {
  const result = await runGit(repo, [LITERAL, "show", `${commit}:${file}`]);
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
  const out = await git(repo, [LITERAL, "diff", "--no-color", `${mergeCommit}^1`, mergeCommit, "--", ...files]);
  return out.length > maxChars ? `${out.slice(0, maxChars)}\n… (cut)` : out;
}
