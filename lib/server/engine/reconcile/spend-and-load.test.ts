// Spend and load for real: a cap per package stops only that package (before its next agent step,
// or its running agent once the agent says it spent that much), and admission holds new agents
// back while the machine is short of memory or CPU. Real worker processes run the fake agent,
// which reports its spend with FLOTILLA_USAGE lines; the machine's figures come from the test.
import { describe, expect, it } from "vitest";
import { FAKE_AGENT, pkg, plan, setupEngine, statuses } from "@/lib/testing/engine-harness";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { changePackageCap } from "@/lib/server/engine/commands/run-budget";
import { retryPackage } from "@/lib/server/engine/commands/retry-package";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { tempDir } from "@/lib/testing/temp-dir";

const customAgent = (args: string) => ({
  agent: "custom" as const,
  agentSettings: {
    customCommand: `node ${FAKE_AGENT} ${args}`,
    permissionMode: "bypassPermissions" as const,
    allowedTools: [],
    extraArgs: "",
    sandbox: false,
  },
  graceSeconds: 1,
});

// Real workers, several packages each, on a loaded 2-core machine: more time than a unit test.
describe("spend and load", { timeout: 90_000 }, () => {
  it("a package at its cap stops before its next agent step; raising the cap retries it, the others went on", async () => {
    const engine = await setupEngine();
    const state = tempDir("flotilla-fake-state-");
    // WP-1: implementation $0.30, spec review $0.30 (rejects once): its fix would spend past $0.50.
    const snapshot = await engine.run(
      plan([pkg("WP-1"), pkg("WP-2")]),
      `WP-1.cost=0.3 WP-2.cost=0.1 WP-1.spec=reject-once state=${state}`,
      { reviewMode: "spec", packageBudgetUsd: 0.5 },
    );
    expect(statuses(snapshot)).toEqual({ "WP-1": "failed", "WP-2": "merged" });
    const capped = snapshot.packages.find((p) => p.wpId === "WP-1")!;
    expect(capped.reasonCode).toBe("package_budget");
    expect(capped.statusReason).toBe(
      "Stopped at its cap of $0.50 per package (its agents spent $0.60). Raise the cap per package, then retry it.",
    );
    expect(capped.attempts.map((a) => a.role).sort()).toEqual(["implement", "spec-review"]);
    expect(snapshot.run.costUsd).toBeCloseTo(0.8);
    const events = await engine.db.event.findMany({ where: { runId: snapshot.run.id, type: "package.cap_reached" } });
    expect(events).toHaveLength(1);

    // A retry without a higher cap is refused with what to do.
    await expect(retryPackage(engine.ctx, snapshot.run.id, "WP-1")).rejects.toThrow(
      /WP-1 has spent \$0\.60 of its \$0\.50 cap per package: raise the cap before retrying it/,
    );
    expect(await changePackageCap(engine.ctx, snapshot.run.id, 2)).toEqual(["WP-1"]);
    await engine.drive(snapshot.run.id);
    const after = await loadRunSnapshot(engine.db, snapshot.run.id);
    expect(after.run.status).toBe("completed");
    expect(statuses(after)).toEqual({ "WP-1": "merged", "WP-2": "merged" });
    // It went on at the fix it had stopped before: its implementation was not paid for again.
    expect(after.packages[0].attempts.map((a) => a.role).sort()).toEqual([
      "fix",
      "implement",
      "spec-review",
      "spec-review",
    ]);
  });

  it("a running agent that reports spend past the cap is stopped there; its package fails, the other merges", async () => {
    const engine = await setupEngine();
    const started = Date.now();
    const snapshot = await engine.run(plan([pkg("WP-1"), pkg("WP-2")]), "WP-1.cost=0.8 WP-1.delay=30000", {
      packageBudgetUsd: 0.5,
    });
    // Stopped, not finished: the agent would have run for 30 s (set-up and WP-2 fit in the rest).
    expect(Date.now() - started).toBeLessThan(28_000);
    expect(statuses(snapshot)).toEqual({ "WP-1": "failed", "WP-2": "merged" });
    const wp1 = snapshot.packages.find((p) => p.wpId === "WP-1")!;
    expect(wp1.reasonCode).toBe("package_budget");
    expect(wp1.latestAttempt).toMatchObject({ cancelled: true, reasonCode: "package_budget", costUsd: 0.8 });
  });

  it("while memory is short, one agent runs and the next packages say they wait for memory; then all run", async () => {
    const engine = await setupEngine();
    engine.machine.freeMemoryMb = 300;
    const { run } = await createRun(engine.db, {
      projectId: engine.project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2"), pkg("WP-3")]),
      options: { ...customAgent("WP-1.delay=1500"), reviewMode: "off", concurrency: 3 },
    });
    await launchRun(engine.ctx, run.id);
    const seen: string[] = [];
    let maxAgents = 0;
    await driveRun(engine.ctx, run.id, {
      intervalMs: 25,
      onTick: async () => {
        const s = await loadRunSnapshot(engine.db, run.id);
        if (engine.machine.freeMemoryMb < 1000)
          maxAgents = Math.max(maxAgents, s.packages.filter((p) => p.status === "running").length);
        const held = s.packages.find((p) => p.wpId === "WP-2")!;
        if (held.reasonCode === "admission" && held.statusReason) seen.push(held.statusReason);
        // Memory frees up once WP-1 has run a while.
        if (s.packages[0].status === "merged") engine.machine.freeMemoryMb = 16_000;
      },
    });
    const done = await loadRunSnapshot(engine.db, run.id);
    expect(done.run.status).toBe("completed");
    // The default on a 24 GB machine: a tenth of it free.
    // Held in the tick WP-1 started in, then counting WP-1 as still starting.
    expect(seen[0]).toBe("Waiting for memory: 300 MB free; 2,400 MB stay free and a new agent needs 1,024 MB");
    expect(seen).toContain(
      "Waiting for memory: 300 MB free, 1 agent still starting; 2,400 MB stay free and a new agent needs 1,024 MB",
    );
    expect(maxAgents).toBe(1);
    expect(done.packages.every((p) => p.reasonCode === null)).toBe(true);
    const waits = await engine.db.event.findMany({ where: { runId: run.id, type: "package.waiting_for_machine" } });
    expect(waits.map((e) => JSON.parse(e.payload).wpId).sort()).toEqual(["WP-2", "WP-3"]);
  });

  it("two runs side by side share the machine: while memory is short, one agent runs across both", async () => {
    const engine = await setupEngine();
    engine.machine.freeMemoryMb = 300;
    const runs = [];
    for (const task of ["First run", "Second run"]) {
      const { run } = await createRun(engine.db, {
        projectId: engine.project.id,
        wbs: plan([pkg("WP-1"), pkg("WP-2")], task),
        options: { ...customAgent("default=succeed delay=800"), reviewMode: "off", concurrency: 2 },
      });
      await launchRun(engine.ctx, run.id);
      runs.push(run.id);
    }
    let most = 0;
    let held = 0;
    const watch = async () => {
      const running = await engine.db.attempt.count({ where: { status: { in: ["starting", "running"] } } });
      if (engine.machine.freeMemoryMb < 1000) most = Math.max(most, running);
      held = Math.max(held, await engine.db.workPackage.count({ where: { reasonCode: "admission" } }));
      // Memory frees up once three packages have merged, short-handed.
      if ((await engine.db.workPackage.count({ where: { status: "merged" } })) >= 3)
        engine.machine.freeMemoryMb = 16_000;
    };
    await Promise.all(runs.map((id) => driveRun(engine.ctx, id, { intervalMs: 25, onTick: watch })));
    const done = await Promise.all(runs.map((id) => loadRunSnapshot(engine.db, id)));
    expect(done.map((d) => d.run.status)).toEqual(["completed", "completed"]);
    expect(most).toBe(1);
    expect(held).toBeGreaterThanOrEqual(2);
  });
});
