// Diffs for review: the feature branch against the base, one package's changes, and the merge
// commits in order. Read-only git; the size is capped so a huge diff cannot stall the page.
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { compareWpIds } from "@/lib/core/wbs/package-id";
import { runGit } from "@/lib/node/git/run-git";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { loadRunSnapshot } from "@/lib/server/engine/run-snapshot";

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
  const text = await runGit(repo, ["diff", "--no-color", "--no-ext-diff", "-U3", from, to]);
  if (text.exitCode !== 0) throw new UserError(`Cannot compute the diff: ${text.stderr.trim() || "git failed"}`);
  const numstat = await runGit(repo, ["diff", "--numstat", "--no-renames", from, to]);
  const files = numstat.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [add, del, ...rest] = line.split("\t");
      return { path: rest.join("\t"), additions: Number(add) || 0, deletions: Number(del) || 0 };
    });
  const truncated = text.stdout.length > MAX_DIFF_CHARS;
  const diff = truncated
    ? text.stdout.slice(0, text.stdout.lastIndexOf("\ndiff --git", MAX_DIFF_CHARS) + 1)
    : text.stdout;
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
  const order = await runGit(run.project.repoPath, [
    "rev-list",
    "--merges",
    "--reverse",
    `${run.baseCommit}..${run.featureBranch}`,
  ]);
  const position = new Map(
    order.stdout
      .split("\n")
      .filter(Boolean)
      .map((sha, i) => [sha, i]),
  );
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
    const exists = await runGit(repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${attempt.branch}`]);
    if (exists.exitCode === 0)
      return diffBetween(repo, attempt.baseCommit, attempt.branch, `${wpId}, attempt ${attempt.number} (not merged)`);
  }
  throw new UserError(`${wpId} has no changes to show yet`, "not_found");
}
