// Everything the run pages show, as one JSON-ready object: the run, its settings, waves, the
// stagger countdown, and per package its status, attempts, outcome and last log lines.
import { capabilitySummary } from "@/lib/core/agents/agent-capabilities";
import type { StopReasonCode } from "@/lib/core/run/stop-reasons";
import { isRetryable } from "@/lib/core/run/statuses";
import path from "node:path";
import { decideStarts } from "@/lib/core/run/schedule";
import { startPriority } from "@/lib/core/run/priority";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { countAttempts } from "@/lib/core/run/attempt-counts";
import { packageUsage } from "@/lib/core/run/usage";
import { agentRanOf } from "@/lib/core/run/agent-ran";
import { stoppedByBudget } from "@/lib/core/run/budget";
import { resumableSession } from "@/lib/core/agents/resume";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { hasActivityFeed, readActivityLines } from "./read-activity";
import { readErrorTail } from "./read-error-tail";
import { forecastRunConflicts } from "./forecast-conflicts";
import { parseReviewState } from "@/lib/core/review/review-state";
import { conflictList, parseConflictState } from "@/lib/core/conflicts/conflict-state";
import { computeWaves, waveCapFor, waveNumbers } from "@/lib/core/wbs/waves";
import { fileSize, readTail } from "@/lib/node/files/read-tail";
import { readWorkerPhase } from "@/lib/node/process/worker-process";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { loadRunSnapshot, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { budgetForecast, packageBurnRate, runBurnRate, type SpendSpan } from "@/lib/core/run/burn-rate";
import type { LiveUsage } from "@/lib/core/agents/live-usage";
import { liveUsageOf } from "./live-spend";
import { deliveryViewOf } from "@/lib/server/delivery/delivery-view";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** An attempt's spend for the burn rate, with what a running one reported so far. */
function spendSpan(
  a: {
    startedAt: Date | null;
    endedAt: Date | null;
    costUsd: number | null;
    inputTokens: number | null;
    outputTokens: number | null;
  },
  live: LiveUsage | null,
): SpendSpan {
  return {
    startedAt: a.startedAt?.getTime() ?? null,
    endedAt: a.endedAt?.getTime() ?? null,
    costUsd: a.costUsd ?? live?.costUsd ?? null,
    inputTokens: a.inputTokens ?? (live ? live.inputTokens : null),
    outputTokens: a.outputTokens ?? (live ? live.outputTokens : null),
  };
}

export async function getRunState(db: Database, runId: string, now = new Date()) {
  const snapshot = await loadRunSnapshot(db, runId);
  const { run, options } = snapshot;
  const nodes = snapshot.packages.map((p) => ({ id: p.wpId, dependencies: p.dependencyIds }));
  const wavePlan = computeWaves(nodes, waveCapFor(options.concurrency));
  const waves = waveNumbers(wavePlan);
  const decision =
    run.status === "running" && !run.cancelRequestedAt
      ? decideStarts({
          packages: snapshot.packages.map((p) => ({ id: p.wpId, status: p.status, dependencies: p.dependencyIds })),
          concurrency: options.concurrency,
          staggerMs: options.staggerSeconds * 1000,
          lastStartAt: run.lastStartAt?.getTime() ?? null,
          now: now.getTime(),
          priority: startPriority(
            snapshot.packages.map((p) => ({
              id: p.wpId,
              dependencies: p.dependencyIds,
              expectedOutputs: JSON.parse(p.expectedOutputs) as string[],
            })),
          ),
        })
      : null;

  const conflicts = await forecastRunConflicts(snapshot);
  // What running attempts spent so far (agents that report it as they go), by attempt id.
  const live = new Map<string, LiveUsage>();
  for (const p of snapshot.packages) {
    const usage = await liveUsageOf(options.agent, p.latestAttempt);
    if (usage && p.latestAttempt) live.set(p.latestAttempt.id, usage);
  }
  const spans = (attempts: RunSnapshot["packages"][number]["attempts"]) =>
    attempts.map((a) => spendSpan(a, live.get(a.id) ?? null));
  const runBurn = runBurnRate(
    snapshot.packages.flatMap((p) => spans(p.attempts)),
    now.getTime(),
  );
  const packages = await Promise.all(
    snapshot.packages.map(async (p) => {
      const last = p.latestAttempt;
      const logPath = last?.logPath ?? (last?.dir ? path.join(last.dir, "agent.log") : null);
      const outcome = parseOutcome(p.outcome);
      return {
        wpId: p.wpId,
        name: p.name,
        scope: p.scope,
        status: p.status,
        statusReason: maskText(p.statusReason),
        /** Why it stopped, as a code (lib/core/run/stop-reasons.ts); null while nothing stopped it. */
        reasonCode: p.reasonCode as StopReasonCode | null,
        dependencies: p.dependencyIds,
        expectedOutputs: JSON.parse(p.expectedOutputs) as string[],
        wave: waves.get(p.wpId) ?? null,
        /** "setup" while the worker runs the set-up command, "agent" after. */
        phase: p.status === "running" && last?.dir ? readWorkerPhase(last.dir) : null,
        branch: p.branch,
        mergeCommit: p.mergeCommit,
        attempt: last?.number ?? 0,
        /** Implementations, reviewer and fix runs, counted as the report counts them. */
        attemptCounts: countAttempts(p.attempts),
        exitCode: last?.exitCode ?? null,
        startedAt: iso(last?.startedAt),
        endedAt: iso(last?.endedAt),
        ...packageUsage(p.attempts),
        /** Spend so far of the running attempt (agents that report it as they go). */
        liveUsage: last ? (live.get(last.id) ?? null) : null,
        /** Dollars and tokens per minute of its agents' run time (null for the first 15 s). */
        burn: packageBurnRate(spans(p.attempts), now.getTime()),
        /** The agent program (and its version) that ran the latest attempt. */
        agentRan: agentRanOf(p.attempts),
        /** The runner (machine) its latest attempt ran on; null before it ran. */
        runner: last?.runner ?? null,
        /** Sent to the runner hosts' queue and not taken by one yet. */
        queued: last !== null && last.remote && last.runner === null && last.status === "starting",
        /** The session a retry may continue (agents that can resume one). */
        resumableSession: resumableSession(AGENTS[options.agent].capabilities.resume, last ?? null),
        logSize: logPath ? ((await fileSize(logPath)) ?? 0) : 0,
        // Agents that report their activity show what they did last; others their last log lines.
        lastLines:
          hasActivityFeed(options.agent) && last
            ? await readActivityLines(options.agent, last, 3)
            : logPath
              ? maskText((await readTail(logPath, 2048, 3)) ?? "")
                  .split("\n")
                  .filter(Boolean)
              : [],
        /** A stopped package's last lines of error output (the agent's stderr, else its log). */
        errorLines:
          last && isRetryable(p.status)
            ? await readErrorTail(last, { logFallback: !hasActivityFeed(options.agent) })
            : [],
        /** Predicted conflicts with the feature branch or another finished package, before the merge. */
        predictedConflicts: conflicts.get(p.wpId) ?? [],
        /** Merge conflicts and how each ended (the open one last, resolvedBy null). */
        conflicts: conflictList(parseConflictState(p.conflict)),
        /** The open conflict: where it stands, and the worktree a person can resolve it in. */
        openConflict: (({ current }) =>
          current
            ? {
                phase: current.phase,
                rounds: current.rounds,
                bound: options.resolveRounds + current.extraRounds,
                lastProblem: current.lastProblem,
                worktree: last?.worktreePath ?? null,
              }
            : null)(parseConflictState(p.conflict)),
        outcome,
        review: (({ history, rejections, pass }) => ({ history, rejections, pass }))(parseReviewState(p.review)),
        attempts: p.attempts.map((a) => ({
          number: a.number,
          role: a.role,
          status: a.status,
          exitCode: a.exitCode,
          signal: a.signal,
          timedOut: a.timedOut,
          cancelled: a.cancelled,
          startedAt: iso(a.startedAt),
          endedAt: iso(a.endedAt),
          failureReason: a.failureReason,
          costUsd: a.costUsd,
          inputTokens: a.inputTokens,
          outputTokens: a.outputTokens,
          sessionId: a.sessionId,
          agentProgram: a.agentProgram,
          agentVersion: a.agentVersion,
          runner: a.runner,
        })),
      };
    }),
  );

  return {
    run: {
      id: run.id,
      slug: run.slug,
      task: run.task,
      status: run.status,
      statusReason: run.statusReason,
      featureBranch: run.featureBranch,
      baseBranch: options.baseBranch,
      projectId: run.projectId,
      projectName: run.project.name,
      repoPath: run.project.repoPath,
      /** Where the feature branch was delivered (pushed, pull request), lib/server/delivery. */
      delivery: deliveryViewOf(run),
      createdAt: iso(run.createdAt),
      startedAt: iso(run.startedAt),
      finishedAt: iso(run.finishedAt),
      costUsd: run.costUsd,
      budgetUsd: options.budgetUsd,
      /** Dollars one package may spend (null: no cap). */
      packageBudgetUsd: options.packageBudgetUsd,
      /** Dollars and tokens per minute while its agents ran, with what running agents spent so far. */
      burn: runBurn,
      /** When the budget is reached at that rate (while the run runs). */
      budgetForecast:
        run.status === "running"
          ? (({ forecast }) =>
              forecast
                ? { minutesLeft: forecast.minutesLeft, reachedAt: new Date(forecast.reachedAt).toISOString() }
                : null)({
              forecast: budgetForecast(runBurn.costUsd, options.budgetUsd, runBurn.usdPerMinute, now.getTime()),
            })
          : null,
      stoppedByBudget: stoppedByBudget(run),
      /** The agent reports its tool calls and messages (an activity feed). */
      hasActivity: hasActivityFeed(options.agent),
      cancelRequested: run.cancelRequestedAt !== null,
      testBaseline: run.testBaseline
        ? (({ exitCode, failures }: { exitCode: number | null; failures: string[] | null }) => ({
            exitCode,
            failures,
          }))(JSON.parse(run.testBaseline))
        : null,
      testGate: options.testGate,
      agentLabel: AGENTS[options.agent].label,
      agentCapabilities: capabilitySummary(options.agent),
      agentRan: agentRanOf(snapshot.packages.flatMap((p) => p.attempts)),
      options: {
        agent: options.agent,
        concurrency: options.concurrency,
        staggerSeconds: options.staggerSeconds,
        timeoutSeconds: options.timeoutSeconds,
        testCommand: options.testCommand,
        setupCommand: options.setupCommand,
        copyFiles: options.copyFiles,
        reviewMode: options.reviewMode,
        humanGate: options.humanGate,
        testGate: options.testGate,
        baseBranch: options.baseBranch,
        model: options.agentSettings.model || null,
        permissionMode: options.agentSettings.permissionMode,
        sandbox: options.agentSettings.sandbox,
      },
    },
    totals: {
      packages: packages.length,
      merged: packages.filter((p) => p.status === "merged").length,
      failed: packages.filter((p) => isRetryable(p.status)).length,
    },
    waves: wavePlan.waves,
    nextStartAt: decision?.nextStartAt ? new Date(decision.nextStartAt).toISOString() : null,
    waitingForStagger: decision ? decision.waiting.length > 0 && decision.nextStartAt !== null : false,
    packages,
    serverTime: now.toISOString(),
  };
}

export type RunState = Awaited<ReturnType<typeof getRunState>>;
export type PackageState = RunState["packages"][number];
