// The orchestrator dies at the worst moments: between starting a worker and storing its pid, and
// with every worker of a run gone. Recovery must never start a package twice, and never leave a
// lost package for hand work.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { FAKE_AGENT, pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { reopenRun } from "@/lib/server/engine/commands/retry-package";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { tick } from "@/lib/server/engine/reconcile/tick";

const agent = (args: string) => ({
  customCommand: `node ${FAKE_AGENT} ${args}`,
  permissionMode: "bypassPermissions" as const,
  allowedTools: [],
  extraArgs: "",
  sandbox: false,
});

/** A context whose process "dies" (hangs forever) when it goes to store a started worker's pid. */
function diesBeforeStoringPid(ctx: EngineContext): EngineContext {
  const attempt = new Proxy(ctx.db.attempt, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "update") return typeof value === "function" ? value.bind(target) : value;
      return (args: { data: { pid?: number } }) =>
        args.data.pid ? new Promise(() => {}) : target.update(args as never);
    },
  });
  const db = new Proxy(ctx.db, {
    get: (target, property, receiver) => (property === "attempt" ? attempt : Reflect.get(target, property, receiver)),
  });
  return { ...ctx, db: db as EngineContext["db"] };
}

it("adopts a worker started just before a crash instead of starting the package a second time", async () => {
  const { db, ctx, project, drive } = await setupEngine();
  const counter = path.join(tempDir(), "starts");
  const { run } = await createRun(db, {
    projectId: project.id,
    wbs: plan([pkg("WP-1")]),
    options: {
      agent: "custom",
      agentSettings: agent(`delay=800 count=${counter}`),
      graceSeconds: 1,
      reviewMode: "off",
      staggerSeconds: 0,
    },
  });
  await launchRun(ctx, run.id);
  // The first orchestrator starts the worker, then never records its pid.
  void tick(diesBeforeStoringPid(ctx), run.id);
  for (let i = 0; i < 250; i++) {
    const attempt = await db.attempt.findFirst({ where: { workPackage: { runId: run.id } } });
    if (attempt?.dir && readFileSafe(path.join(attempt.dir, "pid"))) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const before = await db.attempt.findFirstOrThrow({ where: { workPackage: { runId: run.id } } });
  expect(before).toMatchObject({ status: "starting", pid: null });

  // A new orchestrator (a restart is just another tick) takes over.
  expect(await drive(run.id)).toBe("completed");
  const snapshot = await loadRunSnapshot(db, run.id);
  expect(snapshot.packages[0].status).toBe("merged");
  expect(snapshot.packages[0].attempts).toHaveLength(1);
  expect(snapshot.packages[0].attempts[0].pid).toBeGreaterThan(1);
  expect(readFileSync(counter, "utf8").trim().split("\n")).toHaveLength(1);
  const events = await db.event.findMany({ where: { runId: run.id, type: "package.worker_adopted" } });
  expect(events).toHaveLength(1);
});

it("reopens a failed run's lost packages (never a merged one) when it is resumed", async () => {
  const { db, ctx, run: runPlan } = await setupEngine();
  const first = await runPlan(plan([pkg("WP-1"), pkg("WP-2")]), "WP-2=fail");
  expect(first.run.status).toBe("failed");
  // As an older version left it: the run failed with a lost package.
  const wp2 = first.packages.find((p) => p.wpId === "WP-2")!;
  await db.workPackage.update({
    where: { id: wp2.id },
    data: { status: "lost", statusReason: "Its worker process vanished" },
  });
  await db.run.update({
    where: { id: first.run.id },
    data: { options: JSON.stringify({ ...first.options, agentSettings: agent("") }) },
  });
  expect(await reopenRun(ctx, first.run.id)).toEqual(["WP-2"]);
  expect(await driveRun(ctx, first.run.id, { intervalMs: 25 })).toBe("completed");
  const after = await loadRunSnapshot(db, first.run.id);
  expect(after.packages.map((p) => [p.wpId, p.status, p.attempts.length])).toEqual([
    ["WP-1", "merged", 1],
    ["WP-2", "merged", 2],
  ]);
});

function readFileSafe(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}
