// Deleting a run: its worktrees, its branches, its files in the data folder and its rows. The
// user's base branch, what was merged into it and their own checkout are never touched. Safe to
// repeat after a crash halfway: every step tolerates what is already gone, and the rows (which
// name what to remove) go last.
import { existsSync } from "node:fs";
import { describeRunDeletion, planRunDeletion, type RunDeletionPlan } from "@/lib/core/run/run-deletion";
import { asRunStatus } from "@/lib/core/run/statuses";
import { compareWpIds } from "@/lib/core/wbs/package-id";
import {
  deleteBranch,
  GitError,
  isAncestor,
  listBranches,
  listWorktrees,
  pruneWorktrees,
  removeWorktree,
} from "@/lib/node/git/git-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { isInsideFolder, removeInsideFolder } from "@/lib/node/files/inside-folder";
import { findWorker, isWorkerAlive } from "@/lib/node/process/worker-process";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { featureBranchOf, packageBranchOf, runPaths } from "@/lib/server/engine/state/run-paths";

export interface RunDeletionPreview extends RunDeletionPlan {
  runId: string;
  projectId: string;
  slug: string;
  task: string;
  repoPath: string;
  baseBranch: string;
  /** Folders in the data folder that go (logs, attempt files, worktree folders). */
  files: string[];
  /** Recorded paths outside the data folder: never removed. */
  outsideFiles: string[];
  /** The confirmation's words. */
  goes: string[];
  stays: string[];
}

export interface RunDeletionResult {
  slug: string;
  worktrees: string[];
  branches: string[];
  keptBranches: Array<{ branch: string; checkedOutIn: string }>;
  files: string[];
}

async function loadRun(ctx: EngineContext, runId: string) {
  const run = await ctx.db.run.findUnique({
    where: { id: runId },
    include: { project: true, workPackages: { include: { attempts: true } } },
  });
  if (!run) throw new UserError(`There is no run ${runId}: it was deleted, or the id is wrong`, "not_found");
  return run;
}
type RunRow = Awaited<ReturnType<typeof loadRun>>;

/** The base the run branched from (its options snapshot), else the project's. */
function baseBranchOf(run: RunRow): string {
  try {
    const base = (JSON.parse(run.options) as { baseBranch?: unknown }).baseBranch;
    if (typeof base === "string" && base) return base;
  } catch {
    // a draft's options may be empty
  }
  return run.project.baseBranch;
}

/** Every branch name the run made or may have made: attempt rows are written before their branch. */
function runBranchesOf(run: RunRow): string[] {
  const names = [featureBranchOf(run.slug), run.featureBranch];
  for (const wp of run.workPackages) {
    names.push(wp.branch);
    const last = Math.max(0, ...wp.attempts.map((a) => a.number));
    for (let n = 1; n <= last; n++) names.push(packageBranchOf(run.slug, wp.wpId, n));
    for (const attempt of wp.attempts) names.push(attempt.branch);
  }
  return names.filter((n): n is string => !!n);
}

function liveWorkersOf(run: RunRow): number {
  let live = 0;
  for (const attempt of run.workPackages.flatMap((wp) => wp.attempts)) {
    if (attempt.endedAt) continue;
    // A runner host's worker is not visible from here: it counts until its end is collected.
    if (attempt.remote) {
      live++;
      continue;
    }
    if (attempt.pid ? isWorkerAlive(attempt.pid) : attempt.dir && findWorker(attempt.dir, attempt.id)?.pid) live++;
  }
  return live;
}

/** The repository's branches and worktrees, or null when it is not there (or not a repository) any more. */
async function repositoryState(repo: string) {
  if (!existsSync(repo)) return null;
  try {
    return { branches: await listBranches(repo), worktrees: await listWorktrees(repo) };
  } catch (err) {
    if (err instanceof GitError) return null;
    throw err;
  }
}

/** The merged packages whose work the feature branch holds and the base does not. */
async function unmergedWork(run: RunRow, state: Awaited<ReturnType<typeof repositoryState>>, baseBranch: string) {
  const featureBranch = run.featureBranch ?? featureBranchOf(run.slug);
  const merged = run.workPackages.filter((wp) => wp.status === "merged").map((wp) => wp.wpId);
  if (!state?.branches.includes(featureBranch) || merged.length === 0) return undefined;
  const inBase =
    state.branches.includes(baseBranch) && (await isAncestor(run.project.repoPath, featureBranch, baseBranch));
  return inBase ? undefined : { featureBranch, packages: merged.sort(compareWpIds) };
}

/** Top-level folders only: a path inside another listed one goes with it. */
function outermost(paths: string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((other) => other !== p && isInsideFolder(other, p))).sort();
}

/** What deleting the run would remove and keep, without touching anything. */
export async function previewRunDeletion(ctx: EngineContext, runId: string): Promise<RunDeletionPreview> {
  const run = await loadRun(ctx, runId);
  const repo = run.project.repoPath;
  const baseBranch = baseBranchOf(run);
  const paths = runPaths(ctx.dataDir, run.id);
  const state = await repositoryState(repo);
  const plan = planRunDeletion({
    status: asRunStatus(run.status),
    liveWorkers: liveWorkersOf(run),
    runBranches: runBranchesOf(run),
    protectedBranches: [baseBranch, run.project.baseBranch],
    localBranches: state?.branches ?? null,
    worktrees: (state?.worktrees ?? []).map((w) => ({ ...w, owned: isInsideFolder(paths.worktreesRoot, w.path) })),
  });
  const attempts = run.workPackages.flatMap((wp) => wp.attempts);
  const recorded = [
    paths.runDir,
    paths.worktreesRoot,
    run.runDir,
    ...attempts.flatMap((a) => [a.dir, a.worktreePath]),
  ].filter((p): p is string => !!p);
  const inside = recorded.filter((p) => isInsideFolder(ctx.dataDir, p));
  const outsideFiles = [...new Set(recorded.filter((p) => !isInsideFolder(ctx.dataDir, p)))].sort();
  const files = outermost(inside).filter((p) => existsSync(p));
  const words = describeRunDeletion({
    ...plan,
    files,
    baseBranch,
    repoPath: repo,
    unmergedWork: await unmergedWork(run, state, baseBranch),
  });
  if (outsideFiles.length > 0) words.stays.push(`paths outside the data folder: ${outsideFiles.join(", ")}`);
  return {
    ...plan,
    runId: run.id,
    projectId: run.projectId,
    slug: run.slug,
    task: run.task,
    repoPath: repo,
    baseBranch,
    files,
    outsideFiles,
    ...words,
  };
}

/** Deletes the run; a running run (or one with live agents) is refused until it is cancelled. */
export async function deleteRun(ctx: EngineContext, runId: string): Promise<RunDeletionResult> {
  const preview = await previewRunDeletion(ctx, runId);
  if (preview.blocked) throw new UserError(preview.blocked, "conflict");
  const repo = preview.repoPath;
  const kept = [...preview.keptBranches];
  const deleted: string[] = [];
  if (!preview.repositoryMissing) {
    await withRepoLock(repo, async () => {
      for (const worktree of preview.worktrees) await removeWorktree(repo, worktree);
      await pruneWorktrees(repo);
      for (const branch of preview.branches) {
        try {
          await deleteBranch(repo, branch);
          deleted.push(branch);
        } catch (err) {
          // Checked out somewhere git knows and we did not see (a worktree added meanwhile): keep it.
          if (!(err instanceof GitError)) throw err;
          kept.push({ branch, checkedOutIn: "another worktree" });
        }
      }
    });
  }
  for (const folder of preview.files) await removeInsideFolder(ctx.dataDir, folder);
  await ctx.db.$transaction(async (tx) => {
    // Packages, their dependencies, attempts and viewed files go with the run (cascade).
    await tx.run.deleteMany({ where: { id: runId } });
    await appendEvent(tx, {
      type: "run.deleted",
      projectId: preview.projectId,
      runId,
      payload: { slug: preview.slug, branches: deleted, kept: kept.map((k) => k.branch) },
    });
  });
  ctx.notify(runId);
  return {
    slug: preview.slug,
    worktrees: preview.worktrees,
    branches: deleted,
    keptBranches: kept,
    files: preview.files,
  };
}
