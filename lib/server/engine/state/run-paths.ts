// Where a run's files live: the run folder (wbs.json, one folder per package, the team-of-teams
// layout) and the worktrees (the integration worktree and one per running package), all under
// the data folder, never inside the user's checkout.
import path from "node:path";

export function runPaths(dataDir: string, runId: string) {
  const runDir = path.join(dataDir, "runs", runId);
  const worktrees = path.join(dataDir, "worktrees", runId);
  return {
    runDir,
    wbsFile: path.join(runDir, "wbs.json"),
    integration: path.join(worktrees, "_integration"),
    packageDir: (wpId: string) => path.join(runDir, wpId),
    attemptArchive: (wpId: string, attempt: number) => path.join(runDir, wpId, `attempt-${attempt}`),
    worktree: (wpId: string) => path.join(worktrees, wpId),
    worktreesRoot: worktrees,
  };
}

/** Branch names: the run's feature branch and one per package attempt. */
export const featureBranchOf = (slug: string) => `flotilla/${slug}`;
export const packageBranchOf = (slug: string, wpId: string, attempt: number) =>
  `flotilla/${slug}--${wpId.toLowerCase()}-a${attempt}`;
