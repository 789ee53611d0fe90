// Admission by the machine, for real: agents that each grow to 900 MB, 8 packages allowed to run
// at once, on a machine told to keep all but 4 GB of what is free now. With admission, Flotilla
// starts agents only while the memory allows (each new one counted as 1 GB until it has run a
// while), so the free memory never falls below the line and the run still completes; the control
// run (no memory line) starts all 8 and takes 7 GB. The machine is sampled every 100 ms.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { openDatabase } from "@/lib/server/db/client";
import { ensureMigrated } from "@/lib/server/db/ensure-migrated";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { newOwnerId, type EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { machineLoad } from "@/lib/node/process/machine-load";
import { tinyRepository } from "./bench-project";

const MEMORY_AGENT = path.join(import.meta.dirname, "fixtures", "memory-agent.mjs");

export interface AdmissionResult {
  /** The memory line the run was given (MB free that must stay free). */
  lineMb: number;
  withAdmission: { minFreeMb: number; peakAgents: number; wallMs: number; completed: boolean };
  control: { minFreeMb: number; peakAgents: number; wallMs: number; completed: boolean };
}

async function oneRun(
  dataDir: string,
  packages: number,
  agentMb: number,
  minFreeMemoryMb: number,
): Promise<{ minFreeMb: number; peakAgents: number; wallMs: number; completed: boolean }> {
  const url = `file:${path.join(dataDir, `bench-${minFreeMemoryMb}.db`)}`;
  const db = openDatabase(url);
  try {
    await ensureMigrated(db, url, process.env.FLOTILLA_HOME ?? process.cwd());
    const ctx: EngineContext = {
      db,
      dataDir: path.join(dataDir, `data-${minFreeMemoryMb}`),
      owner: newOwnerId("bench"),
      now: () => new Date(),
      leaseMs: 30_000,
      notify: () => {},
    };
    const project = await db.project.create({
      data: { name: "memory", repoPath: tinyRepository(), baseBranch: "main", agent: "custom", staggerSeconds: 0 },
    });
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: {
        task: "Memory-hungry agents",
        work_packages: Array.from({ length: packages }, (_, i) => ({
          id: `WP-${i + 1}`,
          name: `Package ${i + 1}`,
          scope: `Writes out/wp-${i + 1}.txt`,
          expected_outputs: [`out/wp-${i + 1}.txt`],
          dependencies: [],
          status: "pending" as const,
        })),
      },
      options: {
        agent: "custom",
        agentSettings: agentSettingsSchema.parse({
          customCommand: `${process.execPath} ${MEMORY_AGENT} ${agentMb} 4000`,
        }),
        concurrency: packages,
        staggerSeconds: 0,
        reviewMode: "off",
        testCommand: null,
        minFreeMemoryMb,
        maxLoadPerCore: 64,
      },
    });
    let minFreeMb = Infinity;
    let peakAgents = 0;
    const sampler = setInterval(() => (minFreeMb = Math.min(minFreeMb, machineLoad().freeMemoryMb)), 100);
    const started = performance.now();
    await launchRun(ctx, run.id);
    await driveRun(ctx, run.id, {
      intervalMs: 100,
      onTick: async () => {
        const s = await loadRunSnapshot(db, run.id);
        peakAgents = Math.max(peakAgents, s.packages.filter((p) => p.status === "running").length);
      },
    });
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const done = await loadRunSnapshot(db, run.id);
    return { minFreeMb: Math.round(minFreeMb), peakAgents, wallMs, completed: done.run.status === "completed" };
  } finally {
    await db.$disconnect();
  }
}

export async function measureAdmission(packages = 8, agentMb = 900, headroomMb = 4096): Promise<AdmissionResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-admission-"));
  const lineMb = Math.max(0, Math.round(machineLoad().freeMemoryMb - headroomMb));
  const withAdmission = await oneRun(dataDir, packages, agentMb, lineMb);
  const control = await oneRun(dataDir, packages, agentMb, 0);
  return { lineMb, withAdmission, control };
}
