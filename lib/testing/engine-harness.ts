// Drives real runs in tests: a real repository (with a test command that fails when a file named
// BROKEN exists), a real SQLite file, real worker processes running the fake agent.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { git } from "@/e2e/fixtures/git-repos";
import type { RunOptions } from "@/lib/core/run/run-options";
import type { MachineLoad } from "@/lib/core/run/admission";
import type { WorkBreakdown, WorkPackageSpec } from "@/lib/core/wbs/wbs-schema";
import { createRun, type RunOptionOverrides } from "@/lib/server/engine/commands/create-run";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { newOwnerId, type EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { createTestDatabase } from "./test-database";
import { tempDir } from "./temp-dir";

export const FAKE_AGENT = path.resolve("e2e/fixtures/agents/fake-agent.mjs");

const CHECK_SCRIPT = `import { existsSync } from "node:fs";
if (existsSync("BROKEN")) { console.error("not ok - BROKEN exists"); process.exit(1); }
console.log("ok - 1 passed, 0 failed");
`;

/** A committed repository on main with a README, a shared file and a test script. */
export function makeRepository(): string {
  const repo = path.join(tempDir("flotilla-repo-"), "app");
  git(path.dirname(repo), "init", "-q", "app");
  writeFileSync(path.join(repo, "README.md"), "# app\n");
  writeFileSync(path.join(repo, "shared.txt"), "base line\n");
  writeFileSync(path.join(repo, "check.mjs"), CHECK_SCRIPT);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "Initial commit");
  return repo;
}

export function pkg(
  id: string,
  dependencies: string[] = [],
  overrides: Partial<WorkPackageSpec> = {},
): WorkPackageSpec {
  return {
    id,
    name: `Package ${id}`,
    scope: `Builds ${id}`,
    expected_outputs: [`src/${id.toLowerCase()}.ts`],
    dependencies,
    status: "pending",
    ...overrides,
  };
}

export const plan = (packages: WorkPackageSpec[], task = "Build the parts"): WorkBreakdown => ({
  task,
  created: new Date().toISOString(),
  work_packages: packages,
});

export async function setupEngine() {
  const db = await createTestDatabase();
  const dataDir = tempDir("flotilla-data-");
  const repo = makeRepository();
  const project = await db.project.create({
    data: {
      name: "app",
      repoPath: repo,
      baseBranch: "main",
      testCommand: "node check.mjs",
      agent: "custom",
      staggerSeconds: 0,
    },
  });
  /** The machine the engine sees: ample by default (the test machine's own load is noise); a test changes it. */
  const machine: MachineLoad = { freeMemoryMb: 16_000, totalMemoryMb: 24_000, load1: 0.2, cores: 2 };
  const ctx: EngineContext = {
    db,
    dataDir,
    owner: newOwnerId("test"),
    now: () => new Date(),
    leaseMs: 10_000,
    notify: () => {},
    machine: () => machine,
  };

  /** Creates, launches and drives a run with the given options (agent included) to its end. */
  async function runWith(wbs: WorkBreakdown, options: RunOptionOverrides) {
    const { run: created } = await createRun(db, {
      projectId: project.id,
      wbs,
      options: { graceSeconds: 1, reviewMode: "off", ...options },
    });
    await launchRun(ctx, created.id);
    await driveRun(ctx, created.id, { intervalMs: 25 });
    return loadRunSnapshot(db, created.id);
  }

  /** Creates, launches and drives a run with the fake agent in the given modes. */
  const run = (wbs: WorkBreakdown, agentArgs: string, options: Partial<RunOptions> = {}) =>
    runWith(wbs, {
      agent: "custom",
      agentSettings: {
        customCommand: `node ${FAKE_AGENT} ${agentArgs}`,
        permissionMode: "bypassPermissions",
        allowedTools: [],
        extraArgs: "",
        sandbox: false,
      },
      ...options,
    });

  const drive = (runId: string) => driveRun(ctx, runId, { intervalMs: 25 });
  /** Drives the run until each named package has the wanted status (e.g. waiting for a person). */
  async function driveUntil(runId: string, want: Record<string, string>) {
    const abort = new AbortController();
    await driveRun(ctx, runId, {
      intervalMs: 25,
      signal: abort.signal,
      onTick: async () => {
        const s = await loadRunSnapshot(db, runId);
        if (Object.entries(want).every(([id, status]) => s.packages.find((p) => p.wpId === id)?.status === status))
          abort.abort();
      },
    });
  }
  return { db, dataDir, repo, project, ctx, machine, run, runWith, drive, driveUntil };
}

export const statuses = (snapshot: Awaited<ReturnType<typeof loadRunSnapshot>>) =>
  Object.fromEntries(snapshot.packages.map((p) => [p.wpId, p.status]));
