// What deleting a run removes and what it leaves, decided from facts gathered by the caller (the
// repository's branches and worktrees, the run's recorded branches). Pure: no git, no files.
import type { RunStatus } from "./statuses";

export interface RunDeletionFacts {
  status: RunStatus;
  /** Agent workers of the run that are still alive. */
  liveWorkers: number;
  /** Branch names the run made or may have made (feature branch, every attempt's branch). */
  runBranches: readonly string[];
  /** Branches that are never deleted whatever their name (the project's and the run's base). */
  protectedBranches: readonly string[];
  /** The repository's local branches; null when the repository is gone. */
  localBranches: readonly string[] | null;
  /** The repository's worktrees; `owned` when the worktree lies in this run's folder of the data folder. */
  worktrees: ReadonlyArray<{ path: string; branch: string | null; owned: boolean }>;
}

export interface RunDeletionPlan {
  /** Why the run cannot be deleted now, or null. */
  blocked: string | null;
  worktrees: string[];
  branches: string[];
  /** Run branches kept because someone's own checkout has them checked out. */
  keptBranches: Array<{ branch: string; checkedOutIn: string }>;
  repositoryMissing: boolean;
}

export function planRunDeletion(facts: RunDeletionFacts): RunDeletionPlan {
  const blocked =
    facts.status === "running"
      ? "This run is still running: cancel it first, then delete it once its agents have stopped."
      : facts.liveWorkers > 0
        ? `${facts.liveWorkers} agent process(es) of this run are still running: cancel the run first.`
        : null;
  const worktrees = facts.worktrees.filter((w) => w.owned).map((w) => w.path);
  const checkedOutElsewhere = new Map(
    facts.worktrees.filter((w) => !w.owned && w.branch).map((w) => [w.branch!, w.path] as const),
  );
  const existing = new Set(facts.localBranches ?? []);
  const protectedNames = new Set(facts.protectedBranches);
  const candidates = [...new Set(facts.runBranches)].filter((b) => existing.has(b) && !protectedNames.has(b)).sort();
  return {
    blocked,
    worktrees,
    branches: candidates.filter((b) => !checkedOutElsewhere.has(b)),
    keptBranches: candidates
      .filter((b) => checkedOutElsewhere.has(b))
      .map((branch) => ({ branch, checkedOutIn: checkedOutElsewhere.get(branch)! })),
    repositoryMissing: facts.localBranches === null,
  };
}

/** The confirmation's words: what goes, and what is never touched. */
export function describeRunDeletion(
  plan: RunDeletionPlan & {
    files: readonly string[];
    baseBranch: string;
    repoPath: string;
    /** Merged packages whose work is on the feature branch only (not merged into the base). */
    unmergedWork?: { featureBranch: string; packages: readonly string[] };
  },
): { goes: string[]; stays: string[] } {
  const n = plan.worktrees.length;
  const lost = plan.unmergedWork;
  const goes = [
    ...(lost && lost.packages.length > 0 && plan.branches.includes(lost.featureBranch)
      ? [
          `the work of ${lost.packages.length} merged package${lost.packages.length === 1 ? "" : "s"} (${lost.packages.join(", ")}), which is only on ${lost.featureBranch}, not in ${plan.baseBranch}: use Merge into ${plan.baseBranch} on the Review tab first to keep it`,
        ]
      : []),
    `${n} worktree${n === 1 ? "" : "s"}${n > 0 ? `: ${plan.worktrees.join(", ")}` : ""}`,
    plan.branches.length > 0
      ? `${plan.branches.length} branch${plan.branches.length === 1 ? "" : "es"}: ${plan.branches.join(", ")}`
      : "no branches (none of the run's branches exist any more)",
    plan.files.length > 0
      ? `its logs and files in the data folder: ${plan.files.join(", ")}`
      : "no files (its folders in the data folder are already gone)",
    "the run, its packages and attempts in Flotilla's database",
  ];
  const stays = [
    `${plan.baseBranch} and everything already merged into it`,
    `your own checkout at ${plan.repoPath}`,
    ...plan.keptBranches.map((k) => `${k.branch}, because it is checked out in ${k.checkedOutIn}`),
  ];
  if (plan.repositoryMissing) stays.push(`nothing in git: the repository ${plan.repoPath} is not there any more`);
  return { goes, stays };
}

/** One line saying what a deletion did. */
export function describeDeletedRun(result: {
  slug: string;
  worktrees: readonly string[];
  branches: readonly string[];
  keptBranches: ReadonlyArray<{ branch: string; checkedOutIn: string }>;
}): string {
  const w = result.worktrees.length;
  const b = result.branches.length;
  const kept = result.keptBranches.map((k) => `${k.branch} (checked out in ${k.checkedOutIn})`);
  return (
    `Deleted run ${result.slug}: ${w} worktree${w === 1 ? "" : "s"} and ${b} branch${b === 1 ? "" : "es"} removed` +
    (kept.length > 0 ? `; kept ${kept.join(", ")}` : "")
  );
}
