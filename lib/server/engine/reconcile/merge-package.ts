// The merge train's step for one package: predict conflicts, merge --no-ff into the feature
// branch in the integration worktree, run the tests, and undo the merge if they fail. A crash at
// any point is recovered from the package's `merging` status and its recorded pre-merge commit.
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
import { gateMerge, GateError } from "@/lib/server/engine/reconcile/test-gate";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { runPaths } from "@/lib/server/engine/state/run-paths";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

type Pkg = RunSnapshot["packages"][number];

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
      if (conflicts.length > 0) {
        await movePackage(
          ctx.db,
          pkg,
          "conflicted",
          {
            reason: { code: "conflict", files: conflicts },
            preMergeCommit: null,
            outcome: JSON.stringify({ ...outcome, conflictFiles: conflicts }),
          },
          {
            type: "package.conflicted",
            runId: run.id,
            workPackageId: pkg.id,
            payload: { wpId: pkg.wpId, conflicts },
          },
        );
        return;
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
        await movePackage(
          ctx.db,
          pkg,
          "test_failed",
          {
            reason: { code: "test_failure", why: gate.verdict.reason },
            preMergeCommit: null,
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

    await movePackage(
      ctx.db,
      pkg,
      "merged",
      { statusReason: null, mergeCommit, outcome: JSON.stringify(outcome) },
      {
        type: "package.merged",
        runId: run.id,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, mergeCommit },
      },
    );
    // The package's worktree and branch have served their purpose.
    const worktree = pkg.latestAttempt?.worktreePath;
    if (worktree) await removeWorktree(repo, worktree);
    await deleteBranch(repo, branch);
  });
}
