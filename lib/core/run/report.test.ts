import { describe, expect, it } from "vitest";
import { buildReport, renderReportMarkdown, type ReportPackage } from "./report";
import type { PackageStatus } from "./statuses";

const pkg = (id: string, status: PackageStatus, extra: Partial<ReportPackage> = {}): ReportPackage => ({
  id,
  name: `Part ${id}`,
  status,
  statusReason: null,
  exitCode: status === "merged" ? 0 : 1,
  attempts: 1,
  reviewRuns: 0,
  fixRuns: 0,
  durationMs: 12_000,
  outputBytes: 120,
  summary: "",
  changedFiles: [],
  outOfScopeFiles: [],
  conflictFiles: [],
  predictedConflicts: [],
  conflicts: [],
  mergeCommit: null,
  wave: 1,
  logTail: null,
  errorLines: [],
  reviews: [],
  costUsd: null,
  tokens: null,
  sessionId: null,
  agentProgram: null,
  runner: null,
  agentVersion: null,
  ...extra,
});

describe("run report", () => {
  const report = buildReport({
    runId: "r1",
    task: "build auth",
    status: "failed",
    statusReason: "WP-2 did not merge",
    featureBranch: "flotilla/build-auth",
    baseBranch: "main",
    startedAt: null,
    finishedAt: null,
    costUsd: 0.0675,
    budgetUsd: 5,
    testCommand: "npm test",
    testGate: "on",
    agent: { kind: "claude", label: "Claude Code", program: "/usr/local/bin/claude", version: "2.1.332 (Claude Code)" },
    workPackages: [
      pkg("WP-10", "merged", {
        costUsd: 0.0675,
        tokens: { input: 6000, output: 1500 },
        sessionId: "0166c96b",
        wave: 2,
        changedFiles: ["src/a.ts", "extra.txt"],
        outOfScopeFiles: ["extra.txt"],
        mergeCommit: "abcdef0123456789",
        conflicts: [
          { files: ["src/registry.ts"], with: ["WP-2"], resolvedBy: "agent", rounds: 2, costUsd: 0.012 },
          { files: ["package.json"], with: [], resolvedBy: "git", rounds: 0, costUsd: 0 },
        ],
      }),
      pkg("WP-2", "conflicted", {
        conflictFiles: ["src/shared.ts"],
        statusReason: "Merging it would conflict",
        logTail: "boom ```",
      }),
    ],
  });

  it("orders packages by id and totals them", () => {
    expect(report.workPackages.map((p) => p.id)).toEqual(["WP-2", "WP-10"]);
    expect(report.totals).toEqual({ packages: 2, merged: 1, failed: 1, notStarted: 0, other: 0, waves: 1 });
  });

  it("renders Markdown with files, out-of-scope warnings, conflicts and failing logs", () => {
    const md = renderReportMarkdown(report);
    expect(md).toContain("- Work packages: 2 total | 1 merged | 1 failed");
    expect(md).toContain("### WP-10: Part WP-10 — MERGED");
    expect(md).toContain("- Out of scope (warning): `extra.txt`");
    expect(md).toContain("- Conflicts: `src/shared.ts`");
    expect(md).toContain("- Conflict in src/registry.ts with WP-2: the agent resolved it in 2 rounds, $0.012");
    expect(md).toContain("- Conflict in package.json: git merged it after updating the branch");
    expect(md).toContain("boom '''");
    expect(md).toContain("- Cost: $0.0675 of a $5.00 budget");
    expect(md).toContain("- Cost: $0.0675 (6,000 input, 1,500 output tokens) | session `0166c96b`");
    expect(md).toContain("- Tests: `npm test` after each merge (only new failures undo one)");
    expect(md).toContain("- Agent: Claude Code (2.1.332 (Claude Code) at /usr/local/bin/claude)");
    expect(md).toContain("## Needs attention\n\n- WP-2 (Part WP-2): conflicted — Merging it would conflict");
  });
});

describe("report totals", () => {
  it("counts a package that never started as not started, not failed", () => {
    const report = buildReport({
      runId: "r2",
      task: "t",
      status: "failed",
      statusReason: null,
      featureBranch: null,
      baseBranch: "main",
      startedAt: null,
      finishedAt: null,
      costUsd: 0,
      budgetUsd: null,
      testCommand: null,
      testGate: "on",
      agent: { kind: "demo", label: "Demo agent", program: null, version: null },
      workPackages: [pkg("WP-1", "failed"), pkg("WP-2", "blocked", { attempts: 0 }), pkg("WP-3", "merged")],
    });
    expect(report.totals).toMatchObject({ packages: 3, merged: 1, failed: 1, notStarted: 1, other: 0 });
    expect(renderReportMarkdown(report)).toContain("- Work packages: 3 total | 1 merged | 1 failed | 1 not started");
    expect(renderReportMarkdown(report)).toContain("- Tests: no test gate: nothing checked the merges");
  });
});
