// Gathers a run's report from the database and its files.
import { conflictList, parseConflictState } from "@/lib/core/conflicts/conflict-state";
import path from "node:path";
import { computeWaves, waveCapFor, waveNumbers } from "@/lib/core/wbs/waves";
import { buildReport, type RunReport } from "@/lib/core/run/report";
import { countAttempts } from "@/lib/core/run/attempt-counts";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { packageUsage } from "@/lib/core/run/usage";
import { agentRanOf } from "@/lib/core/run/agent-ran";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { activityLine } from "@/lib/core/agents/activity";
import { hasActivityFeed, readActivity } from "@/lib/server/runs/read-activity";
import { readErrorTail } from "@/lib/server/runs/read-error-tail";
import { forecastRunConflicts } from "@/lib/server/runs/forecast-conflicts";
import { isRetryable } from "@/lib/core/run/statuses";
import { parseReviewState } from "@/lib/core/review/review-state";
import { readTail } from "@/lib/node/files/read-tail";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export async function buildRunReport(db: Database, runId: string): Promise<RunReport> {
  const snapshot = await loadRunSnapshot(db, runId);
  const { run } = snapshot;
  const waves = waveNumbers(
    computeWaves(
      snapshot.packages.map((p) => ({ id: p.wpId, dependencies: p.dependencyIds })),
      waveCapFor(snapshot.options.concurrency),
    ),
  );
  const conflicts = await forecastRunConflicts(snapshot);
  const workPackages = await Promise.all(
    snapshot.packages.map(async (p) => {
      const outcome = parseOutcome(p.outcome);
      const last = p.latestAttempt;
      return {
        id: p.wpId,
        name: p.name,
        status: p.status,
        statusReason: maskText(p.statusReason),
        exitCode: last?.exitCode ?? null,
        // Implementations whose agent really started; reviewer and fix runs apart (lib/core/run/attempt-counts.ts).
        ...(({ implementations, reviews, fixes }) => ({
          attempts: implementations,
          reviewRuns: reviews,
          fixRuns: fixes,
        }))(countAttempts(p.attempts)),
        durationMs: last?.startedAt && last.endedAt ? last.endedAt.getTime() - last.startedAt.getTime() : null,
        outputBytes: last?.outputBytes ?? null,
        summary: maskText(outcome.summary),
        changedFiles: outcome.changedFiles,
        outOfScopeFiles: outcome.outOfScopeFiles,
        conflictFiles: outcome.conflictFiles,
        predictedConflicts: conflicts.get(p.wpId) ?? [],
        conflicts: conflictList(parseConflictState(p.conflict)).map(
          ({ files, with: others, resolvedBy, rounds, costUsd }) => ({
            files,
            with: others,
            resolvedBy,
            rounds,
            costUsd,
          }),
        ),
        mergeCommit: p.mergeCommit,
        wave: waves.get(p.wpId) ?? null,
        logTail: await logTail(snapshot.options.agent, last),
        errorLines:
          last && isRetryable(p.status)
            ? await readErrorTail(last, { logFallback: !hasActivityFeed(snapshot.options.agent) })
            : [],
        ...packageUsage(p.attempts),
        ...(({ program, version }) => ({ agentProgram: program, agentVersion: version }))(
          agentRanOf(p.attempts) ?? { program: null, version: null },
        ),
        runner: last?.runner ?? null,
        reviews: parseReviewState(p.review).history.map((r) => ({
          stage: r.stage,
          verdict: r.verdict,
          issues: r.issues,
        })),
      };
    }),
  );
  return buildReport({
    runId: run.id,
    task: run.task,
    status: run.status,
    statusReason: run.statusReason,
    featureBranch: run.featureBranch,
    baseBranch: snapshot.options.baseBranch,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    costUsd: run.costUsd,
    budgetUsd: snapshot.options.budgetUsd,
    testCommand: snapshot.options.testCommand,
    testGate: snapshot.options.testGate,
    agent: {
      kind: snapshot.options.agent,
      label: AGENTS[snapshot.options.agent].label,
      ...(agentRanOf(snapshot.packages.flatMap((p) => p.attempts)) ?? { program: null, version: null }),
    },
    workPackages,
  });
}

/** The end of what the agent did: its activity (tool calls, retries) when it reports one, else its log. */
async function logTail(
  agent: Parameters<typeof hasActivityFeed>[0],
  attempt: { dir: string | null; worktreePath: string | null } | null,
): Promise<string | null> {
  if (!attempt?.dir) return null;
  if (hasActivityFeed(agent)) {
    const feed = await readActivity(agent, attempt, 30);
    if (feed.items.length > 0) return feed.items.map(activityLine).join("\n");
  }
  return maskText(await readTail(path.join(attempt.dir, "agent.log"), 4096, 30));
}
