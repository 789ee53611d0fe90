// One pass of the orchestrator over a run: read durable state and the real process and git
// state, then act. A restart is just another tick. After the workspace checks, each phase's
// steps come from the pure planner (lib/core/run/tick-plan.ts: collect, cancel, budget, review,
// merge, block, defer, settle, start); this file only carries them out.
import { maskedReasonColumns, movePackage, moveRun } from "@/lib/server/engine/state/transition";
import { appendEvent } from "@/lib/server/events/append-event";
import { describeStopReason, readStopReason, type StopReason } from "@/lib/core/run/stop-reasons";
import { existsSync } from "node:fs";
import { RUN_SETTLE_EVENTS } from "@/lib/core/events/event-types";
import { nextStartAt, planPhase, TICK_PHASES, type TickStep, type TickView } from "@/lib/core/run/tick-plan";
import { parseReviewState } from "@/lib/core/review/review-state";
import { removeWorktree } from "@/lib/node/git/git-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { capPackage, packageSpent, settleOverBudget, stopSpending } from "@/lib/server/engine/reconcile/budget-stop";
import { collectAttempt } from "@/lib/server/engine/reconcile/collect-attempt";
import { signalWorker } from "@/lib/server/engine/commands/cancel";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { mergePackage } from "@/lib/server/engine/reconcile/merge-package";
import { ensureWorkspace } from "@/lib/server/engine/reconcile/prepare-workspace";
import { runPaths } from "@/lib/server/engine/state/run-paths";
import { loadRunSnapshot, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { startPackage } from "@/lib/server/engine/reconcile/start-package";
import { startReviewStep } from "@/lib/server/engine/reconcile/review-steps";
import { startResolveRound } from "@/lib/server/engine/reconcile/integrate-conflict";
import { parseConflictState } from "@/lib/core/conflicts/conflict-state";
import { overBudget } from "@/lib/core/run/budget";
import { admissionLimits, RAMP_UP_MS } from "@/lib/core/run/admission";
import { machineProbe } from "@/lib/node/process/machine-load";
import { isDraining } from "@/lib/server/runners/local-runner";
import { queueRunners } from "@/lib/server/runners/remote-dispatch";
import { liveUsageOf } from "@/lib/server/runs/live-spend";
import { ensureBaseline, prepareIntegration } from "@/lib/server/engine/reconcile/test-gate";

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

  // Then each phase's steps, as the pure planner decides them from the state as it now is.
  let changed = false;
  const now = ctx.now().getTime();
  // Agents that go to the runner hosts run there: this machine's load and drain do not hold them.
  const queued = snapshot.run.project.remote !== null && (await queueRunners(ctx, snapshot.options.agent)).length > 0;
  const load = queued ? null : (ctx.machine ?? machineProbe)();
  const machine = load
    ? { load, limits: admissionLimits(snapshot.options, load), ...(await agentsOnMachine(ctx, now)) }
    : null;
  const drainingRunner = !queued && ctx.runner && (await isDraining(ctx.db, ctx.runner)) ? ctx.runner : null;
  // With a cap per package, a running agent's spend so far counts (agents that report it live).
  const live = snapshot.options.packageBudgetUsd === null ? new Map<string, number>() : await liveCosts(snapshot);
  for (const phase of TICK_PHASES) {
    // The merge train goes one package at a time, each from the state the last one left.
    for (let round = 0; round <= snapshot.packages.length; round++) {
      const view = tickView(snapshot, machine, live, drainingRunner);
      const steps = planPhase(phase, view, now);
      if (steps.length === 0) break;
      for (const step of steps) {
        const ended = await execute(ctx, snapshot, step);
        if (ended) {
          if (ended !== "running" || changed) ctx.notify(runId);
          return { status: ended, nextStartAt: null };
        }
      }
      changed = true;
      const startAt = phase === "start" ? nextStartAt(view, now) : null;
      snapshot = await reload(ctx, runId);
      if (phase === "start") {
        ctx.notify(runId);
        return { status: "running", nextStartAt: startAt === null ? null : new Date(startAt) };
      }
      if (phase !== "merge") break;
    }
  }
  if (changed) ctx.notify(runId);
  const startAt = nextStartAt(tickView(snapshot), now);
  return { status: "running", nextStartAt: startAt === null ? null : new Date(startAt) };
}

/** The state the planner decides from. */
function tickView(
  snapshot: RunSnapshot,
  machine: TickView["machine"] = null,
  live: ReadonlyMap<string, number> = new Map(),
  drainingRunner: string | null = null,
): TickView {
  return {
    machine,
    drainingRunner,
    cancelRequested: snapshot.run.cancelRequestedAt !== null,
    costUsd: snapshot.run.costUsd,
    budgetUsd: snapshot.options.budgetUsd,
    packageBudgetUsd: snapshot.options.packageBudgetUsd,
    concurrency: snapshot.options.concurrency,
    staggerMs: snapshot.options.staggerSeconds * 1000,
    lastStartAt: snapshot.run.lastStartAt?.getTime() ?? null,
    packages: snapshot.packages.map((p) => ({
      id: p.wpId,
      status: p.status,
      dependencies: p.dependencyIds,
      expectedOutputs: JSON.parse(p.expectedOutputs) as string[],
      reviewNext: parseReviewState(p.review).next,
      attemptActive: p.latestAttempt !== null && ["running", "starting"].includes(p.latestAttempt.status),
      // Keyed by attempt: once collected, its cost is in packageSpent and its live figure is stale.
      costUsd:
        packageSpent(p) +
        (p.latestAttempt && p.latestAttempt.costUsd === null ? (live.get(p.latestAttempt.id) ?? 0) : 0),
      heldNote: p.reasonCode === "admission" ? p.statusReason : null,
      attemptStartedAt: p.latestAttempt?.startedAt?.getTime() ?? p.latestAttempt?.createdAt.getTime() ?? null,
      ...(({ current }) => ({
        resolveDue: p.status === "resolving" && current?.phase === "resolving",
        conflict: current ? { files: current.files, phase: current.phase } : null,
      }))(parseConflictState(p.conflict)),
    })),
  };
}

/** Agents of every run in this database running now, and those started in the last RAMP_UP_MS. */
async function agentsOnMachine(ctx: EngineContext, now: number) {
  const active = await ctx.db.attempt.findMany({
    // Only runs being driven: an attempt row left "running" by a run that settled is no agent.
    // A runner host's attempts run on that host, not this machine.
    where: { status: { in: ["starting", "running"] }, remote: false, workPackage: { run: { status: "running" } } },
    select: { startedAt: true, createdAt: true },
  });
  return {
    agentsRunning: active.length,
    agentsStarting: active.filter((a) => now - (a.startedAt ?? a.createdAt).getTime() < RAMP_UP_MS).length,
  };
}

/** What each running attempt has spent so far, where its agent says (dollars, by attempt id). */
async function liveCosts(snapshot: RunSnapshot): Promise<Map<string, number>> {
  const costs = new Map<string, number>();
  for (const p of snapshot.packages) {
    const usage = await liveUsageOf(snapshot.options.agent, p.latestAttempt);
    if (usage?.costUsd && p.latestAttempt) costs.set(p.latestAttempt.id, usage.costUsd);
  }
  return costs;
}

/** Carries out one step; returns the run's status when the step ends the tick. */
async function execute(ctx: EngineContext, snapshot: RunSnapshot, step: TickStep): Promise<string | null> {
  const pkg = "wpId" in step ? snapshot.packages.find((p) => p.wpId === step.wpId)! : null;
  switch (step.kind) {
    case "collect":
      await collectAttempt(ctx, snapshot, pkg!);
      return null;
    case "stop":
      // Repeated on every tick until the worker has ended.
      if (pkg!.latestAttempt) signalWorker(pkg!.latestAttempt);
      return null;
    case "cancel":
      await movePackage(ctx.db, pkg!, "cancelled", {
        reason: {
          code: "cancelled",
          scope: pkg!.status === "pending" || pkg!.status === "blocked" ? "before_start" : "run",
        },
      });
      return null;
    case "wait":
      return "running";
    case "stop_spending":
      await stopSpending(ctx, snapshot, step.over);
      return null;
    case "cap_package":
      await capPackage(ctx, snapshot, pkg!, step);
      return null;
    case "review":
      await startReviewStep(ctx, snapshot, pkg!);
      return null;
    case "resolve":
      await startResolveRound(ctx, snapshot, pkg!);
      return null;
    case "merge": {
      await mergePackage(ctx, snapshot, pkg!);
      // Conflict rounds this merge made due (its own first round, or one that waited for it to
      // merge) start at once, not a tick later, unless the budget is spent.
      if (overBudget(snapshot.run.costUsd, snapshot.options.budgetUsd)) return null;
      const fresh = await reload(ctx, snapshot.run.id);
      for (const due of planPhase("review", tickView(fresh), ctx.now().getTime()))
        if (due.kind === "resolve")
          await startResolveRound(
            ctx,
            fresh,
            fresh.packages.find((p) => p.wpId === due.wpId)!,
          );
      return null;
    }
    case "block":
      await movePackage(ctx.db, pkg!, "blocked", { reason: { code: "blocked", waitingFor: [...step.waitingFor] } });
      return null;
    case "unblock":
      await movePackage(ctx.db, pkg!, "pending", { reason: null });
      return null;
    case "rerun_deferred": {
      // It runs again alone, on the feature branch that now holds everyone else's work.
      const review = parseReviewState(pkg!.review);
      const again = {
        ...review,
        pass: "sequential" as const,
        next: null,
        fixFor: null,
        rejections: { spec: 0, quality: 0, human: 0 },
      };
      await movePackage(
        ctx.db,
        pkg!,
        "pending",
        { statusReason: "Deferred: running again alone", review: JSON.stringify(again) },
        {
          type: "package.deferred_rerun",
          runId: snapshot.run.id,
          workPackageId: pkg!.id,
          payload: { wpId: pkg!.wpId },
        },
      );
      return null;
    }
    case "settle_over_budget":
      // Over budget, the run ends as soon as no agent runs any more, and says why.
      return (await settleOverBudget(ctx, snapshot, step.over)) ? "cancelled" : "running";
    case "settle":
      await settle(ctx, snapshot, step.status, step.reason);
      return step.status;
    case "start":
      await startPackage(ctx, snapshot, step.wpId);
      return null;
    case "hold": {
      // Not a move: a ready package says why it waits. Written when the words change; an event
      // when it starts waiting, or starts waiting for something else (the machine, or a drain).
      const reason: StopReason = { code: "admission", ...step.hold };
      const before = heldFor(pkg!.reasonCode, pkg!.reasonDetail);
      await ctx.db.workPackage.update({ where: { id: pkg!.id }, data: maskedReasonColumns(reason) });
      const forRunner = step.hold.resource === "runner";
      if (before === null || (before === "runner") !== forRunner)
        await appendEvent(ctx.db, {
          type: forRunner ? "package.waiting_for_runner" : "package.waiting_for_machine",
          runId: snapshot.run.id,
          workPackageId: pkg!.id,
          payload: { wpId: pkg!.wpId, reason: describeStopReason(reason) },
        });
      return null;
    }
    case "unhold":
      await ctx.db.workPackage.update({
        where: { id: pkg!.id },
        data: { reasonCode: null, reasonDetail: null, statusReason: null },
      });
      return null;
  }
}

/** What a stored admission hold waits for ("memory", "cpu", "runner"), or null when not held. */
function heldFor(code: string | null, detail: string | null): string | null {
  const reason = readStopReason(code, detail);
  return reason?.code === "admission" ? reason.resource : null;
}
