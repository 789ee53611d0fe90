import { getEventListeners } from "node:events";
import { expect, it } from "vitest";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { createRun } from "./create-run";
import { driveRun } from "./drive-run";
import { launchRun } from "./prepare-workspace";

it("does not pile up abort listeners across ticks", async () => {
  const { db, ctx, project } = await setupEngine();
  const { run } = await createRun(db, {
    projectId: project.id,
    wbs: plan([pkg("WP-1")]),
    options: { agent: "custom", agentSettings: { customCommand: `node ${process.cwd()}/e2e/fixtures/agents/fake-agent.mjs delay=600`, permissionMode: "bypassPermissions", allowedTools: [], extraArgs: "", sandbox: false } },
  });
  await launchRun(ctx, run.id);
  const abort = new AbortController();
  let ticks = 0;
  const status = await driveRun(ctx, run.id, { intervalMs: 10, signal: abort.signal, onTick: () => void ticks++ });
  expect(status).toBe("completed");
  expect(ticks).toBeGreaterThan(10);
  expect(getEventListeners(abort.signal, "abort")).toHaveLength(0);
});
