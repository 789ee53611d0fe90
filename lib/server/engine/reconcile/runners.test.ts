// This machine as a runner, for real: the engine records the runner on each attempt, and while
// the runner drains, the package already running finishes and merges while the next one waits
// and says why; Resume lets it start. Real worker processes run the fake agent.
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { startLocalRunner } from "@/lib/server/runners/local-runner";
import { listRunners, setRunnerDraining } from "@/lib/server/runners/runners";
import { FAKE_AGENT, pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { runJson } from "@/lib/cli/present-run";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { getRunState } from "@/lib/server/runs/get-run-state";
import { acquireLease, releaseLease } from "@/lib/server/engine/hosting/lease";

// Real workers run one package after the other here: more time than a unit test.
describe("runners", { timeout: 90_000 }, () => {
  it("drains: the running package finishes and merges, the next waits saying why, Resume starts it", async () => {
    const engine = await setupEngine();
    vi.stubEnv("FLOTILLA_RUNNER_NAME", "box-1"); // this process is the dashboard's machine
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const local = await startLocalRunner(engine.db);
    engine.ctx.runner = local.name;
    try {
      const { run } = await createRun(engine.db, {
        projectId: engine.project.id,
        wbs: plan([pkg("WP-1"), pkg("WP-2")]),
        options: {
          agent: "custom",
          agentSettings: {
            customCommand: `node ${FAKE_AGENT} delay=800`,
            permissionMode: "bypassPermissions",
            allowedTools: [],
            extraArgs: "",
            sandbox: false,
          },
          concurrency: 1,
          graceSeconds: 1,
          reviewMode: "off",
        },
      });
      await launchRun(engine.ctx, run.id);
      const [runner] = await listRunners(engine.db);
      expect(runner).toMatchObject({ name: "box-1", local: true, state: "active", capacity: null });
      expect(runner.agents).toEqual(expect.arrayContaining(["demo", "custom"]));

      let drained = false;
      let resumed = false;
      const seen = { runningOnRunner: [] as string[], waiting: null as string | null, startedWhileDraining: false };
      await driveRun(engine.ctx, run.id, {
        intervalMs: 25,
        onTick: async () => {
          const s = await loadRunSnapshot(engine.db, run.id);
          const [wp1, wp2] = s.packages;
          if (!drained && wp1.status === "running") {
            seen.runningOnRunner = (await listRunners(engine.db))[0].running.map((a) => a.wpId);
            await setRunnerDraining(engine.db, runner.id, true);
            drained = true;
          }
          if (drained && !resumed && wp2.latestAttempt !== null) seen.startedWhileDraining = true;
          if (drained && !resumed && wp1.status === "merged") {
            if (wp2.reasonCode === "admission") {
              seen.waiting = wp2.statusReason;
              await setRunnerDraining(engine.db, runner.id, false);
              resumed = true;
            }
          }
        },
      });
      const done = await loadRunSnapshot(engine.db, run.id);
      expect(done.run.status).toBe("completed");
      expect(seen.runningOnRunner).toEqual(["WP-1"]);
      expect(seen.startedWhileDraining).toBe(false);
      expect(seen.waiting).toBe(
        "Waiting: runner box-1 is draining (it finishes its running work and starts nothing new); resume it on the Runners page",
      );
      expect(done.packages.every((p) => p.reasonCode === null)).toBe(true);

      // Where each package ran: on the attempts, the run state API and the CLI's --json.
      expect(done.packages.map((p) => p.latestAttempt?.runner)).toEqual(["box-1", "box-1"]);
      const state = await getRunState(engine.db, run.id);
      expect(state!.packages.map((p) => p.runner)).toEqual(["box-1", "box-1"]);
      const json = runJson(await buildRunReport(engine.db, run.id));
      expect(json.workPackages.map((p) => p.runner)).toEqual(["box-1", "box-1"]);
      const events = await engine.db.event.findMany({
        where: { type: { startsWith: "runner." } },
        orderBy: { id: "asc" },
      });
      expect(events.map((e) => e.type)).toEqual(["runner.drain_requested", "runner.resumed"]);
    } finally {
      local.stop();
    }
  });

  it("with a shared database, only the machine a run was launched on drives it", async () => {
    const engine = await setupEngine();
    Object.assign(engine.ctx, { runner: "box-1", sharedDatabase: true });
    const { run } = await createRun(engine.db, {
      projectId: engine.project.id,
      wbs: plan([pkg("WP-1")]),
      options: { agent: "demo", reviewMode: "off", graceSeconds: 1 },
    });
    await launchRun(engine.ctx, run.id);
    expect((await engine.db.run.findUniqueOrThrow({ where: { id: run.id } })).runner).toBe("box-1");
    const elsewhere = { ...engine.ctx, runner: "box-2", owner: "cli@box-2" };
    // Its lease is free, yet another machine neither takes it nor drives it, and says where it runs.
    expect(await acquireLease(elsewhere, run.id)).toBe(false);
    await expect(driveRun(elsewhere, run.id, { intervalMs: 25 })).rejects.toThrow(
      `Run ${run.id} runs its agents on box-1: its workers, worktrees and logs are there. Resume or drive it on that machine (npx flotilla resume --run ${run.id}).`,
    );
    // On one machine's own database (SQLite) the runner's name never stands in the way.
    expect(await acquireLease({ ...elsewhere, sharedDatabase: false }, run.id)).toBe(true);
    await releaseLease({ ...elsewhere, sharedDatabase: false }, run.id);
    expect(await driveRun(engine.ctx, run.id, { intervalMs: 25 })).toBe("completed");
  });

  it("refuses to drain a runner that does not exist, saying what to do", async () => {
    const engine = await setupEngine();
    await expect(setRunnerDraining(engine.db, "nope", true)).rejects.toThrow(/There is no such runner/);
  });
});
