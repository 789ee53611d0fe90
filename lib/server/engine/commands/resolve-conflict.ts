// A person's three ways on with a package that is `conflicted` after the agent's rounds:
// - "agent": one more agent round on the conflict in its worktree;
// - "fresh": retry it from scratch on the feature branch as it is now (retry-package.ts);
// - "done": the person resolved it in the package's worktree; Flotilla checks that no conflict
//   marker is left, commits the resolution and sends it to the merge train (and its test gate).
import { parseConflictState } from "@/lib/core/conflicts/conflict-state";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { describePackageStatus } from "@/lib/core/run/statuses";
import { changedFiles } from "@/lib/node/git/git-ops";
import { commitResolution } from "@/lib/node/git/conflict-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { UserError } from "@/lib/server/errors";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { packageWorktree } from "@/lib/server/engine/reconcile/integrate-conflict";
import { refuseOverBudget, retryPackage } from "@/lib/server/engine/commands/retry-package";
import { movePackage, moveRun } from "@/lib/server/engine/state/transition";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export const RESOLVE_ACTIONS = ["agent", "fresh", "done"] as const;
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number];

export async function resolveConflict(
  ctx: EngineContext,
  runId: string,
  wpId: string,
  action: ResolveAction,
): Promise<{ status: string }> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const pkg = snapshot.packages.find((p) => p.wpId === wpId);
  if (!pkg)
    throw new UserError(
      `Run ${snapshot.run.slug} has no package ${wpId}: its packages are ${snapshot.packages.map((p) => p.wpId).join(", ")}`,
      "not_found",
    );
  if (pkg.status !== "conflicted")
    throw new UserError(
      `${wpId} has no conflict waiting for a person: it is ${describePackageStatus(pkg.status)}`,
      "conflict",
    );
  const state = parseConflictState(pkg.conflict);
  const open = state.current;
  if (action === "fresh") {
    await retryPackage(ctx, runId, wpId);
    return { status: "pending" };
  }
  if (!open)
    throw new UserError(
      `${wpId}'s conflict was recorded before Flotilla integrated conflicts, and its worktree holds no merge to resolve: retry it fresh`,
      "conflict",
    );
  const event = { type: "package.resolve_requested" as const, runId, workPackageId: pkg.id };
  let status: "resolving" | "succeeded";
  if (action === "agent") {
    refuseOverBudget(snapshot, `another agent round on ${wpId}`);
    const extraRounds = Math.max(open.extraRounds, open.rounds - snapshot.options.resolveRounds + 1);
    await movePackage(
      ctx.db,
      pkg,
      "resolving",
      {
        statusReason: `A person asked for another agent round on the conflict in ${open.files.join(", ")}`,
        conflict: JSON.stringify({ ...state, current: { ...open, phase: "resolving", extraRounds } }),
      },
      { ...event, payload: { wpId, action } },
    );
    status = "resolving";
  } else {
    const repo = snapshot.run.project.repoPath;
    const worktree = await withRepoLock(repo, () => packageWorktree(ctx, snapshot, pkg));
    const check = await withRepoLock(repo, () =>
      commitResolution(
        worktree,
        open,
        `${wpId}: resolve the conflict with ${snapshot.run.featureBranch} in ${open.files.join(", ")} (by a person)`,
        snapshot.options.copyFiles,
      ),
    );
    if (!check.ok)
      throw new UserError(
        `${wpId} is not resolved yet: ${check.problem}. Edit the files in ${worktree} (no <<<<<<< or >>>>>>> lines may remain), then press "I resolved it" again`,
        "conflict",
      );
    const changed = await changedFiles(worktree, open.featureTip, "HEAD");
    await movePackage(
      ctx.db,
      pkg,
      "succeeded",
      {
        statusReason: null,
        outcome: JSON.stringify({ ...parseOutcome(pkg.outcome), changedFiles: changed, conflictFiles: [] }),
        conflict: JSON.stringify({
          ...state,
          current: { ...open, phase: "resolved", by: "person", lastProblem: null },
        }),
      },
      { ...event, payload: { wpId, action } },
    );
    status = "succeeded";
  }
  if (snapshot.run.status !== "running")
    await moveRun(ctx.db, runId, "running", { statusReason: null, finishedAt: null, cancelRequestedAt: null });
  ctx.notify(runId);
  return { status };
}
