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
});
