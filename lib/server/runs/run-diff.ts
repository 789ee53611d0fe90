// Diffs for review: the feature branch against the base, one package's changes, and the merge
// commits in order. Read-only git; the size is capped so a huge diff cannot stall the page.
import {
  branchExists,
  diffFileVersions,
  diffWithStats,
  mergeCommitsBetween,
  type DiffOptions,
} from "@/lib/node/git/git-ops";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import type { DiffSubject } from "@/lib/core/review/no-changes";
import type { DiffScope } from "@/lib/core/review/viewed-files";
import { compareWpIds } from "@/lib/core/wbs/package-id";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { loadRunSnapshot, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const MAX_DIFF_CHARS = 3_000_000;

export interface DiffFile {
  path: string;
  additions: number;
  deletions: number;
  /** Modes and blob ids before and after: a "viewed" mark holds while this stays the same. */
  version: string;
}

export interface DiffResult {
  title: string;
  from: string;
  to: string;
  diff: string;
  truncated: boolean;
  files: DiffFile[];
  /** Computed with git's -w: files that changed only in whitespace are left out. */
  hideWhitespace: boolean;
  /** The files -w left out (empty when whitespace is shown). */
  whitespaceOnly: string[];
  /** What is compared, for the words of an empty diff. */
  subject: DiffSubject;
}

export type MergeEntry = {
  wpId: string;
  name: string;
  commit: string;
  testOutput: string | null;
  testNote: string | null;
};
export type RunDiffResult = DiffResult & { merges: MergeEntry[] };

/** Two commits of the run's repository and what comparing them means. */
interface DiffRange {
  repo: string;
  from: string;
  to: string;
  title: string;
  subject: DiffSubject;
}

function featureRange(snapshot: RunSnapshot): DiffRange {
  const { run } = snapshot;
  if (!run.featureBranch || !run.baseCommit)
    throw new UserError("This run has not started yet: there is nothing to compare", "conflict");
  return {
    repo: run.project.repoPath,
    from: run.baseCommit,
    to: run.featureBranch,
    title: `${run.featureBranch} against ${snapshot.options.baseBranch}`,
    subject: {
      kind: "feature",
      featureBranch: run.featureBranch,
      baseBranch: snapshot.options.baseBranch,
      mergedPackages: snapshot.packages.filter((p) => p.mergeCommit).length,
    },
  };
}

async function packageRange(snapshot: RunSnapshot, wpId: string): Promise<DiffRange> {
  const pkg = snapshot.packages.find((p) => p.wpId === wpId);
  if (!pkg) throw new UserError(`This run has no package ${wpId}`, "not_found");
  const repo = snapshot.run.project.repoPath;
  if (pkg.mergeCommit)
    return {
      repo,
      from: `${pkg.mergeCommit}^1`,
      to: pkg.mergeCommit,
      title: `${wpId} as merged`,
      subject: { kind: "package", wpId, merged: true },
    };
  const attempt = pkg.latestAttempt;
  if (attempt?.branch && attempt.baseCommit && (await branchExists(repo, attempt.branch)))
    return {
      repo,
      from: attempt.baseCommit,
      to: attempt.branch,
      title: `${wpId}, attempt ${attempt.number} (not merged)`,
      subject: { kind: "package", wpId, merged: false },
    };
  throw new UserError(`${wpId} has no changes to show yet`, "not_found");
}

/** The commits a scope's diff compares (the run and the package must exist). */
export async function diffRangeOf(snapshot: RunSnapshot, scope: DiffScope): Promise<DiffRange> {
  return scope.kind === "feature" ? featureRange(snapshot) : packageRange(snapshot, scope.wpId);
}

const cannotDiff = (err: Error): never => {
  throw new UserError(`Cannot compute the diff: ${err.message}`);
};

/** Each changed file's version (see DiffFile.version), whatever the whitespace option. */
export async function fileVersionsOf(range: DiffRange): Promise<Map<string, string>> {
  return diffFileVersions(range.repo, range.from, range.to).catch(cannotDiff);
}

async function diffBetween(range: DiffRange, options: DiffOptions): Promise<DiffResult> {
  const { repo, from, to, title, subject } = range;
  const [{ text, files }, versions] = await Promise.all([
    diffWithStats(repo, from, to, options).catch(cannotDiff),
    fileVersionsOf(range),
  ]);
  const truncated = text.length > MAX_DIFF_CHARS;
  const diff = truncated ? text.slice(0, text.lastIndexOf("\ndiff --git", MAX_DIFF_CHARS) + 1) : text;
  const shown = new Set(files.map((f) => f.path));
  return {
    title,
    from,
    to,
    diff: maskText(diff),
    truncated,
    files: files.map((f) => ({ ...f, version: versions.get(f.path) ?? "" })),
    hideWhitespace: !!options.ignoreWhitespace,
    whitespaceOnly: options.ignoreWhitespace ? [...versions.keys()].filter((p) => !shown.has(p)).sort() : [],
    subject,
  };
}

export async function runDiff(db: Database, runId: string, options: DiffOptions = {}): Promise<RunDiffResult> {
  const snapshot = await loadRunSnapshot(db, runId);
  const range = featureRange(snapshot);
  const diff = await diffBetween(range, options);
  const merges = snapshot.packages
    .filter((p) => p.mergeCommit)
    .map((p) => ({
      wpId: p.wpId,
      name: p.name,
      commit: p.mergeCommit!,
      testOutput: parseOutcome(p.outcome).testOutput,
      testNote: parseOutcome(p.outcome).testNote,
    }));
  // Oldest merge first: the order they entered the feature branch.
  const order = await mergeCommitsBetween(range.repo, range.from, range.to).catch(() => []);
  const position = new Map(order.map((sha, i) => [sha, i]));
  merges.sort(
    (a, b) => (position.get(a.commit) ?? 1e9) - (position.get(b.commit) ?? 1e9) || compareWpIds(a.wpId, b.wpId),
  );
  return { ...diff, merges };
}

export async function packageDiff(
  db: Database,
  runId: string,
  wpId: string,
  options: DiffOptions = {},
): Promise<DiffResult> {
  return diffBetween(await packageRange(await loadRunSnapshot(db, runId), wpId), options);
}

/** ?whitespace=hide on a diff route: compute it with git's -w. */
export function diffOptionsOf(request: Request): DiffOptions {
  return { ignoreWhitespace: new URL(request.url).searchParams.get("whitespace") === "hide" };
}
