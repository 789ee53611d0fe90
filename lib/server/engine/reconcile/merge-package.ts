// The merge train's step for one package: predict conflicts (and integrate them: integrate-
// conflict.ts), merge --no-ff into the feature branch in the integration worktree, run the
// tests, and undo the merge if they fail. A crash at
// any point is recovered from the package's `merging` status and its recorded pre-merge commit.
import { publishFeatureBranch } from "@/lib/server/runners/remote-dispatch";
import { movePackage } from "@/lib/server/engine/state/transition";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import {
  deleteBranch,
  isAncestor,
  mergeNoFf,
  predictConflicts,
  removeWorktree,
  resetHard,
  resolveCommit,
} from "@/lib/node/git/git-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { closeConflict, parseConflictState } from "@/lib/core/conflicts/conflict-state";
import { appendEvent } from "@/lib/server/events/append-event";
import { integrateConflict, undoFailedResolution } from "@/lib/server/engine/reconcile/integrate-conflict";
import { gateMerge, GateError } from "@/lib/server/engine/reconcile/test-gate";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { runPaths } from "@/lib/server/engine/state/run-paths";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

type Pkg = RunSnapshot["packages"][number];

/** The package as stored now (integrating a conflict changed it since the snapshot). */
async function freshPackage(ctx: EngineContext, pkg: Pkg): Promise<Pkg> {
  const row = await ctx.db.workPackage.findUniqueOrThrow({ where: { id: pkg.id } });
  return { ...pkg, conflict: row.conflict };
}

/** An open conflict that a merge (or its test gate) settles: closed as resolved by whoever did. */
function settledConflict(pkg: Pkg, ctx: EngineContext) {
  const state = parseConflictState(pkg.conflict);
  if (!state.current) return { columns: {}, record: null };
  const closed = closeConflict(state, state.current.by ?? "git", ctx.now().toISOString());
  return { columns: { conflict: JSON.stringify(closed) }, record: closed.history.at(-1)! };
}

export const mergeMessage = (pkg: { wpId: string; name: string }) => `feat(${pkg.wpId.toLowerCase()}): ${pkg.name}`;

export async function mergePackage(ctx: EngineContext, snapshot: RunSnapshot, pkg: Pkg): Promise<void> {
  const { run, options } = snapshot;
  const repo = run.project.repoPath;
  const integration = runPaths(ctx.dataDir, run.id).integration;
  const branch = pkg.branch!;
  const outcome = parseOutcome(pkg.outcome);

  await withRepoLock(repo, async () => {
    let preMerge = pkg.preMergeCommit;
    const tipBefore = await resolveCommit(integration, "HEAD");
    if (pkg.status !== "merging" || !preMerge) {
      preMerge = tipBefore;
      await movePackage(ctx.db, pkg, "merging", { preMergeCommit: preMerge });
    }
    const branchTip = await resolveCommit(repo, branch);
    const alreadyMerged = tipBefore !== preMerge && (await isAncestor(repo, branchTip, tipBefore));

    if (!alreadyMerged) {
      if (tipBefore !== preMerge) await resetHard(integration, preMerge);
      const conflicts = await predictConflicts(repo, preMerge, branchTip);
      // Git, then the agent, integrate it before a person is asked (integrate-conflict.ts).
      if (conflicts.length > 0) {
        const integrated = await integrateConflict(ctx, snapshot, pkg, conflicts, preMerge);
        if (integrated !== "merge") return;
      }
      await mergeNoFf(integration, branch, mergeMessage(pkg));
    }
    const mergeCommit = await resolveCommit(integration, "HEAD");

    if (options.testCommand) {
      let gate;
      try {
        gate = await gateMerge(ctx, snapshot);
      } catch (err) {
        if (!(err instanceof GateError)) throw err;
        gate = {
          verdict: { pass: false as const, reason: err.message, newFailures: null },
          result: { output: err.message, exitCode: null },
        };
      }
      if (!gate.verdict.pass) {
        await resetHard(integration, preMerge);
        // An agent's resolution that breaks the tests is undone and counts as a round.
        const current = await freshPackage(ctx, pkg);
        if (await undoFailedResolution(ctx, snapshot, current, gate.verdict.reason, gate.result.output)) return;
        const conflict = settledConflict(current, ctx);
        await movePackage(
          ctx.db,
          pkg,
          "test_failed",
          {
            reason: { code: "test_failure", why: gate.verdict.reason },
            preMergeCommit: null,
            ...conflict.columns,
            outcome: JSON.stringify({ ...outcome, testOutput: gate.result.output }),
          },
          {
            type: "package.test_failed",
            runId: run.id,
            workPackageId: pkg.id,
            payload: { wpId: pkg.wpId, exitCode: gate.result.exitCode, newFailures: gate.verdict.newFailures },
          },
        );
        return;
      }
      outcome.testOutput = gate.result.output;
      outcome.testNote = gate.verdict.note;
    }

    const conflict = settledConflict(await freshPackage(ctx, pkg), ctx);
    await movePackage(
      ctx.db,
      pkg,
      "merged",
      { statusReason: null, mergeCommit, outcome: JSON.stringify(outcome), ...conflict.columns },
      {
        type: "package.merged",
        runId: run.id,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, mergeCommit },
      },
    );
    await publishFeatureBranch(ctx, snapshot);
    if (conflict.record) {
      const { files, with: others, resolvedBy, rounds, costUsd } = conflict.record;
      await appendEvent(ctx.db, {
        type: "package.conflict_resolved",
        runId: run.id,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, files, with: others, resolvedBy: resolvedBy!, rounds, costUsd },
      });
    }
    // The package's worktree and branch have served their purpose.
    const worktree = pkg.latestAttempt?.worktreePath;
    if (worktree) await removeWorktree(repo, worktree);
    await deleteBranch(repo, branch);
  });
}
