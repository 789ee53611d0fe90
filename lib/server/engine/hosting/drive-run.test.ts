import { getEventListeners } from "node:events";
import { rmSync } from "node:fs";
import { expect, it } from "vitest";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";

it("does not pile up abort listeners across ticks", async () => {
  const { db, ctx, project } = await setupEngine();
  const { run } = await createRun(db, {
    projectId: project.id,
    wbs: plan([pkg("WP-1")]),
    options: {
      agent: "custom",
      agentSettings: {
        customCommand: `node ${process.cwd()}/e2e/fixtures/agents/fake-agent.mjs delay=600`,
        permissionMode: "bypassPermissions",
        allowedTools: [],
        extraArgs: "",
        sandbox: false,
      },
    },
  });
  await launchRun(ctx, run.id);
  const abort = new AbortController();
  let ticks = 0;
  const status = await driveRun(ctx, run.id, { intervalMs: 10, signal: abort.signal, onTick: () => void ticks++ });
  expect(status).toBe("completed");
  expect(ticks).toBeGreaterThan(10);
  expect(getEventListeners(abort.signal, "abort")).toHaveLength(0);
});

it("ends a run whose repository disappeared with a reason, instead of failing on every tick", async () => {
  const { db, ctx, project, repo, drive } = await setupEngine();
  const { run } = await createRun(db, {
    projectId: project.id,
    wbs: plan([pkg("WP-1")]),
    options: {
      agent: "custom",
      agentSettings: {
        customCommand: `node ${process.cwd()}/e2e/fixtures/agents/fake-agent.mjs delay=300`,
        permissionMode: "bypassPermissions",
        allowedTools: [],
        extraArgs: "",
        sandbox: false,
      },
      staggerSeconds: 0,
    },
  });
  await launchRun(ctx, run.id);
  rmSync(repo, { recursive: true, force: true });
  expect(await drive(run.id)).toBe("failed");
  const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
  expect(after.statusReason).toBe(
    `The repository ${repo} no longer exists (moved or deleted?): put it back, then retry a package or resume the run`,
  );
});
