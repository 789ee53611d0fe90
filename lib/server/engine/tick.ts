// One pass of the orchestrator over a run: read durable state and the real process and git
// state, then act. A restart is just another tick. Order: collect finished workers, honour a
// cancel request, run the merge train, update blocked packages, settle the run, start packages.
import { movePackage, moveRun } from "./transition";
import { describeStopReason, type StopReason } from "@/lib/core/run/stop-reasons";
import { existsSync } from "node:fs";
import { RUN_SETTLE_EVENTS } from "@/lib/core/events/event-types";
import { overBudget as overBudgetOf } from "@/lib/core/run/budget";
import { startPriority } from "@/lib/core/run/priority";
import { decideStarts } from "@/lib/core/run/schedule";
import { nextToMerge, reconcileBlocked, runOutcome } from "@/lib/core/run/progress";
import { holdsSlot } from "@/lib/core/run/statuses";
import { parseReviewState } from "@/lib/core/review/review-state";
import { compareWpIds } from "@/lib/core/wbs/package-id";
import { removeWorktree } from "@/lib/node/git/git-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { stopWorker } from "@/lib/node/process/worker-process";
import { settleOverBudget, stopSpending } from "./budget-stop";
import { collectAttempt } from "./collect-attempt";
import type { EngineContext } from "./engine-context";
import { mergePackage } from "./merge-package";
import { ensureWorkspace } from "./prepare-workspace";
import { runPaths } from "./run-paths";
import { loadRunSnapshot, type RunSnapshot } from "./run-snapshot";
import { startPackage } from "./start-package";
import { startReviewStep } from "./review-steps";
import { ensureBaseline, prepareIntegration } from "./test-gate";

export interface TickResult {
  /** The run's status after the tick. */
  status: string;
  /** When the stagger allows the next start (for a countdown), if something waits for it. */
  nextStartAt: Date | null;
}

const reload = (ctx: EngineContext, runId: string) => loadRunSnapshot(ctx.db, runId);

async function settle(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  status: "completed" | "failed" | "cancelled",
  why: StopReason | null,
): Promise<void> {
  const { run } = snapshot;
  const reason = why ? describeStopReason(why) : null;
  await moveRun(
    ctx.db,
    run.id,
    status,
    { reason: why, finishedAt: ctx.now(), cancelRequestedAt: null },
    {
      type: RUN_SETTLE_EVENTS[status],
      projectId: run.projectId,
      runId: run.id,
      payload: { reason },
    },
  );
  if (status === "completed") {
    // Every package merged: only the feature branch remains.
    const repo = run.project.repoPath;
    await withRepoLock(repo, () => removeWorktree(repo, runPaths(ctx.dataDir, run.id).integration));
  }
}

export interface TickOptions {
  /**
   * Check the run's branch and integration worktree (and clean it after a crash). A driver does
   * it on its first tick only: later ticks in the same process made every change themselves.
   */
  verifyWorkspace?: boolean;
}

export async function tick(ctx: EngineContext, runId: string, options: TickOptions = {}): Promise<TickResult> {
  let snapshot = await reload(ctx, runId);
  if (snapshot.run.status !== "running") return { status: snapshot.run.status, nextStartAt: null };
  // A repository moved or deleted mid-run: say so once, instead of failing every tick.
  if (!existsSync(snapshot.run.project.repoPath)) {
    await settle(ctx, snapshot, "failed", { code: "repo_missing", repoPath: snapshot.run.project.repoPath });
    ctx.notify(runId);
    return { status: "failed", nextStartAt: null };
  }
  if (options.verifyWorkspace !== false) await ensureWorkspace(ctx, snapshot);

  // 0. The integration worktree is set up first (packages with the same lockfile reuse its
  // install), then the tests' baseline on the base commit, once, before anything merges.
  if (snapshot.options.setupCommand && !snapshot.run.testBaseline) {
    try {
      await prepareIntegration(ctx, snapshot);
    } catch (err) {
      await settle(ctx, snapshot, "failed", { code: "workspace_failed", why: (err as Error).message });
      ctx.notify(runId);
      return { status: "failed", nextStartAt: null };
    }
  }
  if (!snapshot.run.testBaseline && snapshot.options.testCommand && snapshot.options.testGate === "on") {
    let stop: string | null;
    try {
      stop = await ensureBaseline(ctx, snapshot);
    } catch (err) {
      stop = (err as Error).message;
    }
    if (stop) {
      await settle(ctx, snapshot, "failed", { code: "workspace_failed", why: stop });
      ctx.notify(runId);
      return { status: "failed", nextStartAt: null };
    }
    snapshot = await reload(ctx, runId);
  }

  // 1. Workers that finished, vanished or never started.
  let changed = false;
  for (const pkg of snapshot.packages.filter((p) => holdsSlot(p.status))) {
    changed = (await collectAttempt(ctx, snapshot, pkg)) || changed;
  }
  if (changed) snapshot = await reload(ctx, runId);

  // 2. A cancel request stops every worker; the run settles once they have all ended.
  if (snapshot.run.cancelRequestedAt) {
    for (const pkg of snapshot.packages) {
      if (holdsSlot(pkg.status) && pkg.latestAttempt?.pid) stopWorker(pkg.latestAttempt.pid); // repeated until it ends
      if (pkg.status === "pending" || pkg.status === "blocked") {
        await movePackage(ctx.db, pkg, "cancelled", { reason: { code: "cancelled", scope: "before_start" } });
      }
    }
    snapshot = await reload(ctx, runId);
    if (!snapshot.packages.some((p) => holdsSlot(p.status) || p.status === "merging")) {
      await settle(ctx, snapshot, "cancelled", { code: "cancelled", scope: "run" });
      return { status: "cancelled", nextStartAt: null };
    }
    ctx.notify(runId);
    return { status: "running", nextStartAt: null };
  }

  // 2a. Over budget: running agents stop and nothing new starts (merges of paid work go on).
  const overBudget = overBudgetOf(snapshot.run.costUsd, snapshot.options.budgetUsd);
  if (overBudget) await stopSpending(ctx, snapshot, overBudget);

  // 2b. Reviewers and fixes waiting to start run at once, in the package's own worktree.
  for (const pkg of overBudget ? [] : snapshot.packages) {
    const waiting =
      (pkg.status === "reviewing" || pkg.status === "fixing") && parseReviewState(pkg.review).next !== null;
    const idle = !pkg.latestAttempt || !["running", "starting"].includes(pkg.latestAttempt.status);
    if (waiting && idle) {
      await startReviewStep(ctx, snapshot, pkg);
      changed = true;
    }
  }
  if (changed) snapshot = await reload(ctx, runId);

  // 3. The merge train: a merge interrupted by a crash first, then finished packages by id.
  for (const pkg of snapshot.packages.filter((p) => p.status === "merging")) {
    await mergePackage(ctx, snapshot, pkg);
    changed = true;
  }
  if (changed) snapshot = await reload(ctx, runId);
  for (let id = nextToMerge(view(snapshot)); id; id = nextToMerge(view(snapshot))) {
    await mergePackage(
      ctx,
      snapshot,
      snapshot.packages.find((p) => p.wpId === id)!,
    );
    snapshot = await reload(ctx, runId);
    changed = true;
  }

  // 4. Packages behind one that did not merge are blocked (and unblocked after a retry).
  const blockedChanges = reconcileBlocked(view(snapshot));
  for (const [wpId, status] of blockedChanges) {
    const pkg = snapshot.packages.find((p) => p.wpId === wpId)!;
    await movePackage(ctx.db, pkg, status, {
      reason: status === "blocked" ? { code: "blocked", waitingFor: pkg.dependencyIds } : null,
    });
  }
  if (blockedChanges.length > 0) snapshot = await reload(ctx, runId);

  // 4b. When nothing else can move, deferred packages run again, one at a time, on the feature
  // branch that now holds everyone else's work.
  if (
    !overBudget &&
    !snapshot.packages.some((p) =>
      ["pending", "running", "reviewing", "fixing", "succeeded", "merging", "awaiting_approval"].includes(p.status),
    )
  ) {
    const next = snapshot.packages
      .filter((p) => p.status === "deferred")
      .sort((a, b) => compareWpIds(a.wpId, b.wpId))[0];
    if (next) {
      const review = parseReviewState(next.review);
      await movePackage(
        ctx.db,
        next,
        "pending",
        {
          statusReason: "Deferred: running again alone",
          review: JSON.stringify({
            ...review,
            pass: "sequential",
            next: null,
            fixFor: null,
            rejections: { spec: 0, quality: 0, human: 0 },
          }),
        },
        { type: "package.deferred_rerun", runId, workPackageId: next.id, payload: { wpId: next.wpId } },
      );
      snapshot = await reload(ctx, runId);
      for (const [wpId, status] of reconcileBlocked(view(snapshot))) {
        await movePackage(
          ctx.db,
          snapshot.packages.find((p) => p.wpId === wpId)!,
          status,
          { statusReason: null },
        );
      }
      snapshot = await reload(ctx, runId);
    }
  }

  // 5. Is the run over? Over budget, it ends as soon as no agent runs any more (unless
  // everything merged anyway), and says why.
  const outcome = runOutcome(view(snapshot));
  if (overBudget && outcome !== "completed") {
    const settled = await settleOverBudget(ctx, snapshot, overBudget);
    ctx.notify(runId);
    return { status: settled ? "cancelled" : "running", nextStartAt: null };
  }
  if (outcome !== "running") {
    const stuck = snapshot.packages.filter((p) => p.status !== "merged").map((p) => p.wpId);
    await settle(ctx, snapshot, outcome, outcome === "failed" ? { code: "unmerged", packages: stuck } : null);
    ctx.notify(runId);
    return { status: outcome, nextStartAt: null };
  }

  // 6. Start what the dependencies, concurrency and stagger allow.
  const priority = startPriority(
    snapshot.packages.map((p) => ({
      id: p.wpId,
      dependencies: p.dependencyIds,
      expectedOutputs: JSON.parse(p.expectedOutputs) as string[],
    })),
  );
  const decision = decideStarts({
    packages: view(snapshot),
    concurrency: snapshot.options.concurrency,
    staggerMs: snapshot.options.staggerSeconds * 1000,
    lastStartAt: snapshot.run.lastStartAt?.getTime() ?? null,
    now: ctx.now().getTime(),
    priority,
  });
  for (const wpId of decision.startNow) {
    await startPackage(ctx, snapshot, wpId);
    snapshot = await reload(ctx, runId);
    changed = true;
  }
  if (changed) ctx.notify(runId);
  return { status: "running", nextStartAt: decision.nextStartAt === null ? null : new Date(decision.nextStartAt) };
}

function view(snapshot: RunSnapshot) {
  return snapshot.packages.map((p) => ({ id: p.wpId, status: p.status, dependencies: p.dependencyIds }));
}
