// How the CLI shows a run: a short table for people, one JSON object with --json.
import { describePackageStatus } from "@/lib/core/run/statuses";
import { describeAgentRan } from "@/lib/core/run/agent-ran";
import { formatUsd } from "@/lib/core/run/budget";
import type { RunReport } from "@/lib/core/run/report";
import { describePredictedConflict } from "@/lib/core/run/conflict-forecast";

export function runJson(report: RunReport) {
  return {
    runId: report.runId,
    status: report.status,
    featureBranch: report.featureBranch,
    costUsd: report.costUsd,
    budgetUsd: report.budgetUsd,
    agent: report.agent.kind,
    agentProgram: report.agent.program,
    agentVersion: report.agent.version,
    workPackages: report.workPackages.map((p) => ({
      id: p.id,
      status: p.status,
      exitCode: p.exitCode,
      attempts: p.attempts,
      reviewRuns: p.reviewRuns,
      fixRuns: p.fixRuns,
      changedFiles: p.changedFiles,
      predictedConflicts: p.predictedConflicts,
      conflicts: p.conflicts,
      outOfScopeFiles: p.outOfScopeFiles,
      reviews: p.reviews,
      costUsd: p.costUsd,
      tokens: p.tokens,
      sessionId: p.sessionId,
      agentProgram: p.agentProgram,
      agentVersion: p.agentVersion,
      runner: p.runner,
      statusReason: p.statusReason,
    })),
  };
}

export function runTable(report: RunReport): string {
  const rows = report.workPackages.map((p) => [
    p.id,
    describePackageStatus(p.status),
    String(p.exitCode ?? "–"),
    String(p.attempts),
    p.costUsd === null ? "–" : formatUsd(p.costUsd),
    p.name,
  ]);
  const header = ["PACKAGE", "STATUS", "EXIT", "ATTEMPTS", "COST", "NAME"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const t = report.totals;
  return [
    `Run ${report.runId}: ${report.status}${report.statusReason ? ` (${report.statusReason})` : ""}`,
    `Feature branch: ${report.featureBranch ?? "none"} (from ${report.baseBranch})`,
    `Agent: ${report.agent.label}${report.agent.program ? ` (${describeAgentRan({ program: report.agent.program, version: report.agent.version })})` : ""}`,
    "",
    line(header),
    ...rows.map(line),
    ...report.workPackages.flatMap((p) =>
      p.predictedConflicts.map((c) => `${p.id} predicted: ${describePredictedConflict(c)}`),
    ),
    "",
    `${t.merged} of ${t.packages} packages merged, ${t.failed} failed${t.notStarted > 0 ? `, ${t.notStarted} not started` : ""}${report.costUsd > 0 ? `; cost ${formatUsd(report.costUsd)}` : ""}${report.budgetUsd !== null ? ` of a ${formatUsd(report.budgetUsd)} budget` : ""}`,
  ].join("\n");
}
