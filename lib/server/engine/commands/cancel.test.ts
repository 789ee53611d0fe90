import { describe, expect, it } from "vitest";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { cancelPackage } from "@/lib/server/engine/commands/cancel";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { tick } from "@/lib/server/engine/reconcile/tick";

describe("cancelling", () => {
  it("reads a package as cancelled, not lost, when its worker died before recording the cancellation", async () => {
    const { db, ctx, project, drive } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2")]),
      options: {
        agent: "custom",
        agentSettings: {
          customCommand: `node ${process.cwd()}/e2e/fixtures/agents/fake-agent.mjs default=hang`,
          permissionMode: "bypassPermissions",
          allowedTools: [],
          extraArgs: "",
          sandbox: false,
        },
      },
    });
    await launchRun(ctx, run.id);
    await tick(ctx, run.id);
    const started = await loadRunSnapshot(db, run.id);
    const wp1 = started.packages[0].latestAttempt!;
    // The wrapper vanishes at once (as if the signal came before it could record anything).
    process.kill(wp1.pid!, "SIGKILL");
    await cancelPackage(ctx, run.id, "WP-1");
    await tick(ctx, run.id);
    const after = await loadRunSnapshot(db, run.id);
    expect(after.packages[0]).toMatchObject({ status: "cancelled", statusReason: "Cancelled by the user" });
    expect(after.packages[1].status).toBe("running");
    await cancelPackage(ctx, run.id, "WP-2");
    expect(await drive(run.id)).toBe("failed");
    expect((await loadRunSnapshot(db, run.id)).packages.map((p) => p.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("cancelling one package of a chain stops only that chain: the run goes on and merges the rest", async () => {
    const { db, ctx, project, drive } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      // WP-1 → WP-2 is the chain; WP-3 → WP-4 goes on without it.
      wbs: plan([pkg("WP-1"), pkg("WP-2", ["WP-1"]), pkg("WP-3"), pkg("WP-4", ["WP-3"])]),
      options: {
        agent: "custom",
        agentSettings: {
          customCommand: `node ${process.cwd()}/e2e/fixtures/agents/fake-agent.mjs WP-1=hang`,
          permissionMode: "bypassPermissions",
          allowedTools: [],
          extraArgs: "",
          sandbox: false,
        },
        graceSeconds: 1,
        reviewMode: "off",
      },
    });
    await launchRun(ctx, run.id);
    await tick(ctx, run.id);
    await cancelPackage(ctx, run.id, "WP-1");
    await tick(ctx, run.id);
    const during = await loadRunSnapshot(db, run.id);
    expect(during.run.status).toBe("running");
    expect(await drive(run.id)).toBe("failed");
    const after = await loadRunSnapshot(db, run.id);
    expect(after.packages.map((p) => [p.wpId, p.status])).toEqual([
      ["WP-1", "cancelled"],
      ["WP-2", "blocked"],
      ["WP-3", "merged"],
      ["WP-4", "merged"],
    ]);
    // The banner asks for what a person can do: retry the cancelled one (WP-2 follows it).
    expect(after.run.statusReason).toContain("WP-1");
  });
});
