import path from "node:path";
import { describe, expect, it } from "vitest";
import { conflictsByPackage, describePredictedConflict, forecastPairs } from "@/lib/core/run/conflict-forecast";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { approvePackage } from "@/lib/server/engine/commands/human-review";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { getRunState } from "@/lib/server/runs/get-run-state";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";

describe("predicting conflicts while the run goes on", () => {
  it("checks every finished package against the feature branch and each other, and words it", () => {
    expect(forecastPairs(["WP-2", "WP-1"])).toEqual([
      ["WP-1", null],
      ["WP-2", null],
      ["WP-1", "WP-2"],
    ]);
    const byPackage = conflictsByPackage([
      { pair: ["WP-1", null], files: [] },
      { pair: ["WP-1", "WP-2"], files: ["src/registry.js"] },
    ]);
    expect(byPackage.get("WP-2")).toEqual([{ with: "WP-1", files: ["src/registry.js"] }]);
    expect(describePredictedConflict(byPackage.get("WP-1")![0])).toBe("conflicts with WP-2 in src/registry.js");
    expect(describePredictedConflict({ with: null, files: ["a", "b", "c"] })).toBe(
      "conflicts with the feature branch in a, b and 1 more",
    );
  });

  it("shows two waiting packages that change the same line as conflicting, on both, before either merges", async () => {
    const { db, ctx, project, driveUntil } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2"), pkg("WP-3")]),
      options: {
        agent: "custom",
        reviewMode: "human",
        agentSettings: {
          customCommand: `node ${path.resolve("e2e/fixtures/agents/fake-agent.mjs")} WP-1=conflict WP-2=conflict`,
          permissionMode: "bypassPermissions",
          allowedTools: [],
          extraArgs: "",
          sandbox: false,
        },
      },
    });
    await launchRun(ctx, run.id);
    const waitFor = (want: Record<string, string>) => driveUntil(run.id, want);
    await waitFor({ "WP-1": "awaiting_approval", "WP-2": "awaiting_approval", "WP-3": "awaiting_approval" });
    const state = await getRunState(db, run.id);
    const predicted = Object.fromEntries(state.packages.map((p) => [p.wpId, p.predictedConflicts]));
    expect(predicted).toEqual({
      "WP-1": [{ with: "WP-2", files: ["shared.txt"] }],
      "WP-2": [{ with: "WP-1", files: ["shared.txt"] }],
      "WP-3": [],
    });
    // The report (and so `status --json`) carries the same.
    const report = await buildRunReport(db, run.id);
    expect(report.workPackages.map((p) => p.predictedConflicts.map((c) => c.with))).toEqual([["WP-2"], ["WP-1"], []]);
    // Once WP-1 merged, WP-2 is predicted to conflict with the feature branch.
    await approvePackage(ctx, run.id, "WP-1");
    await waitFor({ "WP-1": "merged" });
    const after = await getRunState(db, run.id);
    expect(after.packages.find((p) => p.wpId === "WP-2")!.predictedConflicts).toEqual([
      { with: null, files: ["shared.txt"] },
    ]);
  });
});
