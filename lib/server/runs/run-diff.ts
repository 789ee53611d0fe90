// Diffs for review: the feature branch against the base, one package's changes, and the merge
// commits in order. Read-only git; the size is capped so a huge diff cannot stall the page.
import { branchExists, diffWithStats, mergeCommitsBetween } from "@/lib/node/git/git-ops";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { compareWpIds } from "@/lib/core/wbs/package-id";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const MAX_DIFF_CHARS = 3_000_000;

export interface DiffResult {
  title: string;
  from: string;
  to: string;
  diff: string;
  truncated: boolean;
  files: Array<{ path: string; additions: number; deletions: number }>;
}

async function diffBetween(repo: string, from: string, to: string, title: string): Promise<DiffResult> {
  const { text, files } = await diffWithStats(repo, from, to).catch((err: Error) => {
    throw new UserError(`Cannot compute the diff: ${err.message}`);
  });
  const truncated = text.length > MAX_DIFF_CHARS;
  const diff = truncated ? text.slice(0, text.lastIndexOf("\ndiff --git", MAX_DIFF_CHARS) + 1) : text;
  return { title, from, to, diff: maskText(diff), truncated, files };
}

export async function runDiff(
  db: Database,
  runId: string,
): Promise<
  DiffResult & {
    merges: Array<{ wpId: string; name: string; commit: string; testOutput: string | null; testNote: string | null }>;
  }
> {
  const snapshot = await loadRunSnapshot(db, runId);
  const { run } = snapshot;
  if (!run.featureBranch || !run.baseCommit)
    throw new UserError("This run has not started yet: there is nothing to compare", "conflict");
  const diff = await diffBetween(
    run.project.repoPath,
    run.baseCommit,
    run.featureBranch,
    `${run.featureBranch} against ${snapshot.options.baseBranch}`,
  );
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
  const order = await mergeCommitsBetween(run.project.repoPath, run.baseCommit, run.featureBranch).catch(() => []);
  const position = new Map(order.map((sha, i) => [sha, i]));
  merges.sort(
    (a, b) => (position.get(a.commit) ?? 1e9) - (position.get(b.commit) ?? 1e9) || compareWpIds(a.wpId, b.wpId),
  );
  return { ...diff, merges };
}

export async function packageDiff(db: Database, runId: string, wpId: string): Promise<DiffResult> {
  const snapshot = await loadRunSnapshot(db, runId);
  const pkg = snapshot.packages.find((p) => p.wpId === wpId);
  if (!pkg) throw new UserError(`This run has no package ${wpId}`, "not_found");
  const repo = snapshot.run.project.repoPath;
  if (pkg.mergeCommit) return diffBetween(repo, `${pkg.mergeCommit}^1`, pkg.mergeCommit, `${wpId} as merged`);
  const attempt = pkg.latestAttempt;
  if (attempt?.branch && attempt.baseCommit) {
    if (await branchExists(repo, attempt.branch))
      return diffBetween(repo, attempt.baseCommit, attempt.branch, `${wpId}, attempt ${attempt.number} (not merged)`);
  }
  throw new UserError(`${wpId} has no changes to show yet`, "not_found");
}
