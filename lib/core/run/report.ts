// The results report of a run, as JSON and Markdown, built from plain data.
import { compareWpIds } from "../wbs/package-id";
import { describeAgentRan } from "./agent-ran";
import { describeAttemptCounts } from "./attempt-counts";
import type { PredictedConflict } from "./conflict-forecast";
import { describeConflict, type ConflictRecord } from "../conflicts/conflict-state";
import { formatUsd } from "./budget";
import { describePackageStatus, RETRYABLE_STATUSES, type PackageStatus, type RunStatus } from "./statuses";
import { formatTokens } from "./usage";

export interface ReportPackage {
  id: string;
  name: string;
  status: PackageStatus;
  statusReason: string | null;
  exitCode: number | null;
  /** Implementations whose agent started; reviewer and fix runs apart (./attempt-counts.ts). */
  attempts: number;
  reviewRuns: number;
  fixRuns: number;
  durationMs: number | null;
  outputBytes: number | null;
  summary: string;
  changedFiles: string[];
  outOfScopeFiles: string[];
  conflictFiles: string[];
  /** Merge conflicts and how each ended (resolvedBy null: still open). */
  conflicts: Array<Pick<ConflictRecord, "files" | "with" | "resolvedBy" | "rounds" | "costUsd">>;
  /** While the run goes on: conflicts predicted with the feature branch (with: null) or another package. */
  predictedConflicts: PredictedConflict[];
  mergeCommit: string | null;
  wave: number | null;
  logTail: string | null;
  /** A stopped package's last lines of error output (the agent's stderr, else its log); else empty. */
  errorLines: string[];
  /** Summed over every attempt (implementation, reviewers, fixes); null when none reported it. */
  costUsd: number | null;
  tokens: { input: number; output: number } | null;
  /** The agent session of its latest implementation or fix (a retry can continue it). */
  sessionId: string | null;
  /** The agent program its latest attempt ran, and that program's version. */
  agentProgram: string | null;
  agentVersion: string | null;
  /** The runner (machine) its latest attempt ran on; null before it ran, or before runners. */
  runner: string | null;
  reviews: Array<{
    stage: string;
    verdict: string;
    issues: Array<{ file?: string | null; line?: number | string | null; message: string }>;
  }>;
}

export interface RunReport {
  runId: string;
  task: string;
  status: RunStatus;
  statusReason: string | null;
  featureBranch: string | null;
  baseBranch: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** What the run's agents spent, and its budget (null: no limit). */
  costUsd: number;
  budgetUsd: number | null;
  /** The test gate: the command run after each merge (null: none, so nothing checked the merges). */
  testCommand: string | null;
  testGate: "on" | "off";
  /** The agent kind, its label, and the program and version that ran last. */
  agent: { kind: string; label: string; program: string | null; version: string | null };
  /** failed: started and did not merge; notStarted: never started (blocked, cancelled first). */
  totals: { packages: number; merged: number; failed: number; notStarted: number; other: number; waves: number };
  workPackages: ReportPackage[];
}

/** Did not merge: stopped (retryable), or held behind one that stopped. */
const FAILED = new Set<PackageStatus>([...RETRYABLE_STATUSES, "blocked", "deferred"]);

export function buildReport(input: Omit<RunReport, "totals">): RunReport {
  const packages = [...input.workPackages].sort((a, b) => compareWpIds(a.id, b.id));
  const merged = packages.filter((p) => p.status === "merged").length;
  const notStarted = packages.filter((p) => p.status !== "merged" && p.attempts === 0).length;
  const failed = packages.filter((p) => FAILED.has(p.status) && p.attempts > 0).length;
  const waves = new Set(packages.filter((p) => p.status === "merged" && p.wave !== null).map((p) => p.wave)).size;
  return {
    ...input,
    workPackages: packages,
    totals: {
      packages: packages.length,
      merged,
      failed,
      notStarted,
      other: packages.length - merged - failed - notStarted,
      waves,
    },
  };
}

const seconds = (ms: number | null) => (ms === null ? "–" : `${Math.round(ms / 1000)} s`);
const fileList = (files: string[]) => (files.length === 0 ? "none" : files.map((f) => `\`${f}\``).join(", "));

/** What checked the merges, in words (the report page and the Markdown say the same). */
export function describeTestGate(report: Pick<RunReport, "testCommand" | "testGate">): string {
  return report.testCommand && report.testGate === "on"
    ? `\`${report.testCommand}\` after each merge (only new failures undo one)`
    : "no test gate: nothing checked the merges";
}

/** The report as Markdown, in the spirit of the team-of-teams results summary. */
export function renderReportMarkdown(report: RunReport): string {
  const t = report.totals;
  const lines = [
    "# Flotilla run report",
    "",
    `**Task:** ${report.task}`,
    "",
    `- Run: \`${report.runId}\` (${report.status}${report.statusReason ? `: ${report.statusReason}` : ""})`,
    `- Feature branch: ${report.featureBranch ? `\`${report.featureBranch}\`` : "none yet"} (from \`${report.baseBranch}\`)`,
    `- Work packages: ${t.packages} total | ${t.merged} merged | ${t.failed} failed${t.notStarted > 0 ? ` | ${t.notStarted} not started` : ""}${t.other > 0 ? ` | ${t.other} not finished` : ""}`,
    `- Waves used: ${t.waves}`,
    `- Tests: ${describeTestGate(report)}`,
    `- Agent: ${report.agent.label}${report.agent.program ? ` (${describeAgentRan({ program: report.agent.program, version: report.agent.version })})` : ""}`,
    `- Cost: ${report.costUsd > 0 ? formatUsd(report.costUsd) : "none reported"}${report.budgetUsd !== null ? ` of a ${formatUsd(report.budgetUsd)} budget` : ""}`,
    "",
    "## Work packages",
  ];
  for (const p of report.workPackages) {
    lines.push(
      "",
      `### ${p.id}: ${p.name} — ${describePackageStatus(p.status).toUpperCase()}`,
      "",
      `- Exit code: ${p.exitCode ?? "–"} | ${describeAttemptCounts({ implementations: p.attempts, reviews: p.reviewRuns, fixes: p.fixRuns })} | duration: ${seconds(p.durationMs)} | output: ${p.outputBytes ?? 0} bytes${p.agentVersion && p.agentVersion !== report.agent.version ? ` | agent ${p.agentVersion}` : ""}`,
      `- Files changed: ${fileList(p.changedFiles)}`,
    );
    if (p.costUsd !== null || p.tokens) {
      const tokens = p.tokens
        ? ` (${formatTokens(p.tokens.input)} input, ${formatTokens(p.tokens.output)} output tokens)`
        : "";
      lines.push(
        `- Cost: ${p.costUsd !== null ? formatUsd(p.costUsd) : "–"}${tokens}${p.sessionId ? ` | session \`${p.sessionId}\`` : ""}`,
      );
    }
    if (p.outOfScopeFiles.length > 0) lines.push(`- Out of scope (warning): ${fileList(p.outOfScopeFiles)}`);
    for (const c of p.conflicts)
      lines.push(`- ${describeConflict({ ...c, detectedAt: "", endedAt: null }, formatUsd)}`);
    if (p.conflictFiles.length > 0 && p.conflicts.length === 0) lines.push(`- Conflicts: ${fileList(p.conflictFiles)}`);
    if (p.mergeCommit) lines.push(`- Merge commit: \`${p.mergeCommit.slice(0, 12)}\``);
    if (p.statusReason) lines.push(`- Reason: ${p.statusReason}`);
    if (p.errorLines.length > 0)
      lines.push("", "Its last error output:", "", "```", ...p.errorLines.map((l) => l.replace(/```/g, "'''")), "```");
    for (const r of p.reviews) {
      lines.push(
        `- Review (${r.stage}): ${r.verdict}${r.issues.length > 0 ? ` — ${r.issues.map((i) => `${i.file ? `${i.file}${i.line ? `:${i.line}` : ""}: ` : ""}${i.message}`).join("; ")}` : ""}`,
      );
    }
    if (p.summary) lines.push("", "Summary:", "", ...p.summary.split("\n").map((l) => `> ${l}`));
    if (p.logTail && FAILED.has(p.status))
      lines.push("", "Log tail:", "", "```", p.logTail.replace(/```/g, "'''"), "```");
  }
  const failures = report.workPackages.filter((p) => FAILED.has(p.status));
  if (failures.length > 0) {
    lines.push("", "## Needs attention", "");
    for (const p of failures)
      lines.push(
        `- ${p.id} (${p.name}): ${describePackageStatus(p.status)}${p.statusReason ? ` — ${p.statusReason}` : ""}`,
      );
  }
  return `${lines.join("\n")}\n`;
}
