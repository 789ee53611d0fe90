// Reads what happened to a running package's worker and records it: the outcome of a finished
// agent, or "lost" for a worker that vanished without a result. Exit 0 commits any uncommitted
// work for the agent and records the files it changed (and those outside its scope).
import { ownShare } from "@/lib/core/agents/session-usage";
import path from "node:path";
import { packageSpent } from "@/lib/server/engine/reconcile/budget-stop";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { PACKAGE_STOP_EVENTS } from "@/lib/core/events/event-types";
import { describeStopReason, readStopReason, type StopReason } from "@/lib/core/run/stop-reasons";
import { MAX_LOST_RESTARTS, restartAfterLoss } from "@/lib/core/run/lost-workers";
import { outOfScopeFiles } from "@/lib/core/run/scope";
import { parseReviewState, stagesOf } from "@/lib/core/review/review-state";
import { changedFiles, commitAll, resolveCommit } from "@/lib/node/git/git-ops";
import { fileSize, readHead, readTail } from "@/lib/node/files/read-tail";
import { maskText } from "@/lib/node/secrets";
import {
  findWorker,
  isWorkerAlive,
  killOrphanedAgent,
  readWorkerResult,
  stopWorker,
  type WorkerResult,
} from "@/lib/node/process/worker-process";
import { appendEvent, type NewEvent } from "@/lib/server/events/append-event";
import type { EventType } from "@/lib/core/events/event-types";
import type { PackageStatus } from "@/lib/core/run/statuses";
import { attemptReasonColumns, movePackage } from "@/lib/server/engine/state/transition";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { advanceReview, afterFix, collectReview } from "@/lib/server/engine/reconcile/review-steps";
import { collectResolveRound } from "@/lib/server/engine/reconcile/integrate-conflict";
import { parseConflictState } from "@/lib/core/conflicts/conflict-state";
import { syncRemoteAttempt } from "@/lib/server/engine/reconcile/remote-attempt";

type Pkg = RunSnapshot["packages"][number];

function describeFailure(
  result: WorkerResult,
  stored: StopReason | null,
): { status: keyof typeof PACKAGE_STOP_EVENTS; reason: StopReason } {
  // Stopped at the cap per package: it failed (a retry after raising the cap goes on), not cancelled by a person.
  if (result.cancelled && stored?.code === "package_budget") return { status: "failed", reason: stored };
  if (result.cancelled) return { status: "cancelled", reason: stored ?? { code: "cancelled", scope: "package" } };
  if (result.setupFailed) {
    return {
      status: "failed",
      reason: result.setupTimedOut ? { code: "setup_timeout" } : { code: "setup_failed", exitCode: result.exitCode },
    };
  }
  if (result.timedOut)
    return { status: "timed_out", reason: { code: "timeout", seconds: Math.round(result.durationMs / 1000) } };
  if (result.error) return { status: "failed", reason: { code: "agent_error", error: result.error } };
  if (result.signal) return { status: "failed", reason: { code: "signal", signal: result.signal } };
  return { status: "failed", reason: { code: "exit_code", exitCode: result.exitCode } };
}

/** Looks at one running package; returns true when its status changed. */
export async function collectAttempt(ctx: EngineContext, snapshot: RunSnapshot, pkg: Pkg): Promise<boolean> {
  const attempt = pkg.latestAttempt;
  const runId = snapshot.run.id;
  const setPackage = <T extends EventType>(
    status: PackageStatus,
    reason: StopReason | null,
    outcome?: object,
    event?: NewEvent<T>,
  ) => movePackage(ctx.db, pkg, status, { reason, ...(outcome ? { outcome: JSON.stringify(outcome) } : {}) }, event);
  // A fresh attempt of what was lost: the implementation from the start, or the same review step.
  const startAgain = async (reason: StopReason | null) => {
    if (attempt?.role === "resolve") {
      // The lost round does not count: the same round starts again.
      const state = parseConflictState(pkg.conflict);
      const current = state.current ? { ...state.current, rounds: Math.max(0, state.current.rounds - 1) } : null;
      await movePackage(ctx.db, pkg, "resolving", { reason, conflict: JSON.stringify({ ...state, current }) });
    } else if (attempt?.role === "fix" || attempt?.role === "spec-review" || attempt?.role === "quality-review") {
      const review = parseReviewState(pkg.review);
      await movePackage(ctx.db, pkg, attempt.role === "fix" ? "fixing" : "reviewing", {
        reason,
        review: JSON.stringify({ ...review, next: attempt.role }),
      });
    } else await setPackage("pending", reason);
  };
  const storedReason = attempt ? readStopReason(attempt.reasonCode, attempt.reasonDetail) : null;

  if (!attempt || !attempt.dir) {
    await setPackage("pending", null);
    return true;
  }
  // A package waiting for its next review step still points at a finished attempt: nothing to read.
  if (attempt.status !== "starting" && attempt.status !== "running") return false;
  const cancelledBeforeEnd = async () => {
    const reason: StopReason = storedReason ?? { code: "cancelled", scope: "package" };
    // Stopped at the cap per package: it failed (a raised cap retries it), not cancelled by a person.
    const status = reason.code === "package_budget" ? "failed" : "cancelled";
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: { status, ...attemptReasonColumns(reason), endedAt: ctx.now() },
    });
    await setPackage(status, reason);
    return true;
  };
  if (attempt.remote) {
    // A runner host runs it: its pieces and its end come through the database and the remote.
    const remote = await syncRemoteAttempt(ctx, snapshot, attempt);
    if (remote.state === "waiting") return false;
    if (remote.state === "cancelled") return cancelledBeforeEnd();
    if (remote.state === "start_failed") {
      const reason: StopReason = { code: "start_failed", why: remote.why };
      await ctx.db.attempt.update({
        where: { id: attempt.id },
        data: { status: "failed", ...attemptReasonColumns(reason), endedAt: ctx.now() },
      });
      await setPackage("failed", reason, undefined, {
        type: "package.failed",
        runId,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, reason: remote.why },
      });
      return true;
    }
    if (remote.state === "lost") {
      // Stopped on request (a cancel, a budget or its cap) before its host was lost: it stays stopped.
      if (attempt.cancelled) return cancelledBeforeEnd();
      // Only while its runner has reported nothing: a result that just came is read on the next look.
      const { count } = await ctx.db.attempt.updateMany({
        where: { id: attempt.id, status: { in: ["starting", "running"] }, remoteResult: attempt.remoteResult },
        data: { status: "lost", ...attemptReasonColumns(remote.reason), endedAt: ctx.now() },
      });
      if (count === 0) return false;
      await appendEvent(ctx.db, {
        type: remote.reason.code === "runner_lost" ? "package.runner_lost" : "package.lost",
        runId,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, role: attempt.role, runner: remote.runner ?? "" },
      });
      if (!restartAfterLoss([{ status: "lost" }, ...pkg.attempts.slice(1)])) {
        await setPackage(
          "lost",
          remote.reason.code === "runner_lost" ? { ...remote.reason, restarting: false } : remote.reason,
        );
        return true;
      }
      await startAgain(remote.reason);
      return true;
    }
  } else if (attempt.status === "starting") {
    // The orchestrator died between creating the attempt and starting its worker.
    if (attempt.pid && isWorkerAlive(attempt.pid)) {
      await ctx.db.attempt.update({ where: { id: attempt.id }, data: { status: "running" } });
      return false;
    }
    // It may have died after starting the worker but before storing its pid: adopt that worker
    // rather than start a second one in the same folder.
    const started = findWorker(attempt.dir, attempt.id);
    if (started) {
      await ctx.db.attempt.update({
        where: { id: attempt.id },
        data: { status: "running", pid: started.pid ?? attempt.pid, startedAt: attempt.startedAt ?? attempt.createdAt },
      });
      await appendEvent(ctx.db, {
        type: "package.worker_adopted",
        runId,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, pid: started.pid },
      });
      return true;
    }
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: { status: "lost", failureReason: "Its start was interrupted; starting it again", endedAt: ctx.now() },
    });
    await startAgain(null);
    return true;
  }

  const result = await readWorkerResult(attempt.dir);
  if (!result) {
    if (attempt.pid && isWorkerAlive(attempt.pid)) {
      // The wrapper enforces the timeout; this is the safety net if it cannot.
      const limit = (snapshot.options.timeoutSeconds + snapshot.options.graceSeconds + 30) * 1000;
      if (attempt.startedAt && ctx.now().getTime() - attempt.startedAt.getTime() > limit) stopWorker(attempt.pid);
      return false;
    }
    killOrphanedAgent(attempt.dir);
    // Stopped on request before its wrapper could record that.
    if (attempt.cancelled) return cancelledBeforeEnd();
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: {
        status: "lost",
        ...attemptReasonColumns({ code: "lost", restarting: false, times: 1 }),
        endedAt: ctx.now(),
      },
    });
    await appendEvent(ctx.db, {
      type: "package.lost",
      runId,
      workPackageId: pkg.id,
      payload: { wpId: pkg.wpId, role: attempt.role },
    });
    if (!restartAfterLoss([{ status: "lost" }, ...pkg.attempts.slice(1)])) {
      await setPackage("lost", { code: "lost", restarting: false, times: MAX_LOST_RESTARTS + 1 });
      return true;
    }
    await startAgain({ code: "lost", restarting: true, times: 1 });
    await appendEvent(ctx.db, {
      type: "package.restarted_after_loss",
      runId,
      workPackageId: pkg.id,
      payload: { wpId: pkg.wpId, role: attempt.role },
    });
    return true;
  }

  // Every role (implementation, reviewers, fixes) spends: its cost, tokens and session count.
  const outputFile = path.join(attempt.dir, "output.md");
  const outputBytes = await fileSize(outputFile);
  const adapter = AGENTS[snapshot.options.agent];
  const reported = adapter.summarize(
    (await readHead(outputFile, 4096)) ?? "",
    (await readTail(outputFile, 65_536, 400)) ?? "",
    snapshot.options.agentSettings,
  );
  // A resumed session's running total includes what its earlier attempts recorded.
  const earlier = pkg.attempts.filter((a) => a.id !== attempt.id && a.sessionId && a.sessionId === reported.sessionId);
  const agentSummary =
    adapter.usageIsSessionTotal && reported.sessionId ? { ...reported, ...ownShare(reported, earlier) } : reported;
  const summary = maskText(agentSummary.summary);
  const ended = {
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    cancelled: result.cancelled,
    endedAt: result.endedAt ? new Date(result.endedAt) : ctx.now(),
    outputBytes,
    costUsd: agentSummary.costUsd,
    inputTokens: agentSummary.inputTokens,
    outputTokens: agentSummary.outputTokens,
    sessionId: agentSummary.sessionId,
  };
  if (agentSummary.costUsd) {
    await ctx.db.run.update({ where: { id: runId }, data: { costUsd: { increment: agentSummary.costUsd } } });
  }

  if (attempt.role === "spec-review" || attempt.role === "quality-review") {
    const reviewStatus = result.cancelled
      ? "cancelled"
      : result.timedOut
        ? "timed_out"
        : result.exitCode === 0
          ? "succeeded"
          : "failed";
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: {
        ...ended,
        status: reviewStatus,
        ...(result.cancelled
          ? attemptReasonColumns(storedReason ?? { code: "cancelled", scope: "package" })
          : { failureReason: agentSummary.failure }),
      },
    });
    if (result.cancelled || result.timedOut) {
      const { status, reason } = describeFailure(result, storedReason);
      await setPackage(status, reason);
      return true;
    }
    await collectReview(ctx, snapshot, pkg, attempt.role === "spec-review" ? "spec" : "quality", {
      number: attempt.number,
      dir: attempt.dir,
      exitCode: result.exitCode,
      failure: agentSummary.failure ? maskText(agentSummary.failure) : null,
    });
    return true;
  }

  if (attempt.role === "resolve" && !result.cancelled) {
    // A round that failed counts against the bound; the conflict logic decides what comes next.
    const failure = result.timedOut
      ? `the agent timed out after ${Math.round(result.durationMs / 1000)} s`
      : result.exitCode !== 0
        ? `the agent exited with code ${result.exitCode}${agentSummary.failure ? `: ${maskText(agentSummary.failure)}` : ""}`
        : agentSummary.failure
          ? `the agent failed: ${maskText(agentSummary.failure)}`
          : null;
    // The attempt is ended before the package moves: a crash in between never reads this round twice.
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: { ...ended, status: "failed", failureReason: "Flotilla was checking its resolution when it stopped" },
    });
    const round = await collectResolveRound(ctx, snapshot, pkg, { failure, costUsd: agentSummary.costUsd ?? 0 });
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: { ...ended, status: round.status, failureReason: round.problem },
    });
    return true;
  }

  const agentFailed = agentSummary.failure !== null && !result.cancelled && !result.timedOut && !result.setupFailed;
  if (result.exitCode !== 0 || result.cancelled || result.timedOut || agentFailed) {
    const described = describeFailure(result, storedReason);
    // An agent that stopped itself at what was left of the budget was stopped by the budget:
    // raising it reruns the package, like the ones Flotilla stopped.
    const budgetStop = agentFailed && agentSummary.budgetStop === true;
    // It was given the less of the run's and the package's remainder: the package's cap bound it.
    const capUsd = snapshot.options.packageBudgetUsd;
    const before = { run: snapshot.run.costUsd, pkg: packageSpent(pkg) };
    const capStop =
      budgetStop &&
      capUsd !== null &&
      (snapshot.options.budgetUsd === null || capUsd - before.pkg <= snapshot.options.budgetUsd - before.run);
    const status = capStop ? "failed" : budgetStop ? "cancelled" : described.status;
    let reason: StopReason = capStop
      ? {
          code: "package_budget",
          capUsd: capUsd!,
          spentUsd: before.pkg + (agentSummary.costUsd ?? 0),
          agentSaid: agentSummary.failure!,
        }
      : budgetStop
        ? {
            code: "budget",
            budgetUsd: snapshot.options.budgetUsd ?? 0,
            spentUsd: snapshot.run.costUsd,
            agentSaid: agentSummary.failure!,
          }
        : agentFailed
          ? { code: "agent_failure", failure: agentSummary.failure!, exitCode: result.exitCode }
          : described.reason;
    const explained = AGENTS[snapshot.options.agent].explainFailure?.(
      (await readTail(path.join(attempt.dir, "agent.log"), 8192, 40)) ?? "",
    );
    if (explained) reason = { code: "agent_refused", explanation: explained };
    if (reason.code === "setup_failed" || reason.code === "setup_timeout") {
      reason = { ...reason, logTail: await readTail(path.join(attempt.dir, "setup.log"), 2048, 12) };
    }
    const columns = attemptReasonColumns(reason);
    await ctx.db.attempt.update({ where: { id: attempt.id }, data: { ...ended, status, ...columns } });
    await setPackage(
      status,
      reason,
      { summary },
      {
        type: PACKAGE_STOP_EVENTS[status],
        runId,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, exitCode: result.exitCode, reason: columns.failureReason! },
      },
    );
    return true;
  }

  const worktree = attempt.worktreePath!;
  await commitAll(
    worktree,
    `${pkg.wpId}: ${pkg.name}\n\nWork left uncommitted by the agent, committed by Flotilla.`,
    snapshot.options.copyFiles,
  );
  const tip = await resolveCommit(worktree, "HEAD");
  const changed = await changedFiles(worktree, attempt.baseCommit!, tip);
  const outOfScope = outOfScopeFiles(changed, JSON.parse(pkg.expectedOutputs) as string[]);
  const leaked = changed.filter((f) => snapshot.options.copyFiles.includes(f));
  if (leaked.length > 0) {
    const reason: StopReason = { code: "leaked_files", files: leaked };
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: { ...ended, status: "failed", ...attemptReasonColumns(reason) },
    });
    await setPackage("failed", reason, { summary, changedFiles: changed });
    return true;
  }
  if (changed.length === 0) {
    const reason: StopReason = { code: "no_changes" };
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: { ...ended, status: "failed", ...attemptReasonColumns(reason) },
    });
    await setPackage(
      "failed",
      reason,
      { summary },
      {
        type: "package.failed",
        runId,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, reason: describeStopReason(reason) },
      },
    );
    return true;
  }
  await ctx.db.attempt.update({ where: { id: attempt.id }, data: { ...ended, status: "succeeded" } });
  const succeeded = {
    changedFiles: changed,
    outOfScopeFiles: outOfScope,
    summary: attempt.role === "fix" ? parseOutcomeSummary(pkg.outcome, summary) : summary,
  };
  await setPackage("succeeded", null, succeeded, {
    type: "package.succeeded",
    runId,
    workPackageId: pkg.id,
    payload: { wpId: pkg.wpId, role: attempt.role, changedFiles: changed.length, outOfScope },
  });
  // With reviewers or a person in the loop, the package is not ready to merge yet.
  if (stagesOf(snapshot.options.reviewMode, snapshot.options.humanGate).length > 0) {
    const fresh = { ...pkg, outcome: JSON.stringify({ changedFiles: changed, outOfScopeFiles: outOfScope, summary }) };
    const review = parseReviewState(pkg.review);
    if (attempt.role === "fix") await afterFix(ctx, snapshot, fresh, review);
    else await advanceReview(ctx, snapshot, fresh, review, null);
  }
  return true;
}

/** A fix keeps the implementation's summary (the fix's own output is about the fix). */
function parseOutcomeSummary(outcomeJson: string, fallback: string): string {
  try {
    return (JSON.parse(outcomeJson) as { summary?: string }).summary || fallback;
  } catch {
    return fallback;
  }
}
