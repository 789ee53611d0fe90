// Conflicts at merge time, for real: 10 generated plan shapes (3 to 8 independent packages, each
// writing its own plugins/<name>.js), each run twice with the built-in demo agent: once where every
// package also adds its entry to one shared registry array (so a package that ran while another
// merged conflicts at merge time and Flotilla integrates it: git, then its own agent), and once
// without the shared file (the control, whose packages write a second file of their own instead, so
// both variants give the agent the same work). Measures the share of conflicts integrated without a
// person, and the wall time from launch to all merged, shared vs control.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { conflictList, parseConflictState, type ConflictRecord } from "@/lib/core/conflicts/conflict-state";
import { openDatabase, type Database } from "@/lib/server/db/client";
import { ensureMigrated } from "@/lib/server/db/ensure-migrated";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { newOwnerId, type EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const REGISTRY = "export const plugins = [\n];\n";
// The repository's own test: no marker left in the registry, and every entry names a file that exists.
const CHECK = `import { existsSync, readFileSync } from "node:fs";
const text = readFileSync("registry.js", "utf8");
if (/^(<<<<<<<|=======|>>>>>>>)/m.test(text)) { console.error("not ok - conflict markers in registry.js"); process.exit(1); }
const { plugins } = await import("./registry.js");
for (const p of plugins) if (!existsSync(p)) { console.error(\`not ok - \${p} does not exist\`); process.exit(1); }
console.log(\`ok - \${plugins.length} plugins, 1 passed, 0 failed\`);
`;
const NAMES = [
  "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
  "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
]; // prettier-ignore

/** A small seeded PRNG (mulberry32): the same plans on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plan shapes: 3 to 8 packages with distinct plugin names. */
export function planShapes(count: number, seed = 20261201): string[][] {
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const size = 3 + Math.floor(random() * 6);
    const names = [...NAMES];
    for (let i = names.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [names[i], names[j]] = [names[j], names[i]];
    }
    return names.slice(0, size);
  });
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@localhost", ...args], {
    cwd,
    stdio: "pipe",
    encoding: "utf8",
  });

function registryRepository(root: string, name: string): string {
  const repo = path.join(root, name);
  mkdirSync(repo);
  writeFileSync(path.join(repo, "README.md"), "# app\n");
  writeFileSync(path.join(repo, "registry.js"), REGISTRY);
  writeFileSync(path.join(repo, "check.mjs"), CHECK);
  writeFileSync(path.join(repo, "package.json"), '{ "type": "module" }\n');
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "A plugin registry");
  return repo;
}

export interface PlanRun {
  shape: number;
  shared: boolean;
  packages: number;
  status: string;
  /** Launch to the run's end (every package merged, or nothing left to do without a person). */
  wallMs: number;
  /** Launch to the end of the last implementation. */
  implementMs: number;
  /** The end of the last implementation to the last merge: the merge train's tail. */
  tailMs: number;
  records: ConflictRecord[];
  /** Packages with more than one conflict record (the feature branch moved while they resolved). */
  conflictedTwice: number;
  /** Packages that ended waiting for a person. */
  conflictedPackages: number;
  resolveRounds: number;
  resolveAgentMs: number;
  failedRounds: number;
  /** Entries in the feature branch's registry at the end (the shared plan should keep them all). */
  registryEntries: number;
}

async function runPlan(
  db: Database,
  ctx: EngineContext,
  root: string,
  shape: number,
  names: string[],
  shared: boolean,
): Promise<PlanRun> {
  const repo = registryRepository(root, `shape-${shape}-${shared ? "shared" : "control"}`);
  const project = await db.project.create({
    data: {
      name: path.basename(repo),
      repoPath: repo,
      baseBranch: "main",
      agent: "demo",
      testCommand: "node check.mjs",
      staggerSeconds: 0,
      concurrency: 3,
      reviewMode: "off",
    },
  });
  const wbs = {
    task: `Plugins (${shared ? "shared registry" : "no shared file"})`,
    created: new Date().toISOString(),
    work_packages: names.map((name, i) => ({
      id: `WP-${i + 1}`,
      name: `Plugin ${name}`,
      scope: `Adds the ${name} plugin${shared ? " and registers it" : ""}`,
      // The control writes a second file of its own, so both variants give the agent the same work.
      expected_outputs: [`plugins/${name}.js`, shared ? "registry.js" : `docs/plugins/${name}.md`],
      dependencies: [],
      status: "pending" as const,
    })),
  };
  const { run } = await createRun(db, {
    projectId: project.id,
    wbs,
    options: {
      agent: "demo",
      concurrency: 3,
      staggerSeconds: 0,
      reviewMode: "off",
      testCommand: "node check.mjs",
      graceSeconds: 1,
    },
  });
  const launchedAt = Date.now();
  const start = performance.now();
  await launchRun(ctx, run.id);
  const status = await driveRun(ctx, run.id, { intervalMs: 25 });
  const wallMs = performance.now() - start;

  const snapshot = await loadRunSnapshot(db, run.id);
  const attempts = snapshot.packages.flatMap((p) => p.attempts);
  const span = (a: (typeof attempts)[number]) =>
    a.startedAt && a.endedAt ? a.endedAt.getTime() - a.startedAt.getTime() : 0;
  const implementEnd = Math.max(
    launchedAt,
    ...attempts.filter((a) => a.role === "implement" && a.endedAt).map((a) => a.endedAt!.getTime()),
  );
  const events = await db.event.findMany({ where: { runId: run.id } });
  const lastMerged = Math.max(
    implementEnd,
    ...events.filter((e) => e.type === "package.merged").map((e) => e.createdAt.getTime()),
  );
  const lists = snapshot.packages.map((p) => conflictList(parseConflictState(p.conflict)));
  const registry = git(repo, "show", `${snapshot.run.featureBranch}:registry.js`);
  return {
    shape,
    shared,
    packages: names.length,
    status,
    wallMs,
    implementMs: implementEnd - launchedAt,
    tailMs: lastMerged - implementEnd,
    records: lists.flat(),
    conflictedTwice: lists.filter((l) => l.length > 1).length,
    conflictedPackages: snapshot.packages.filter((p) => p.status === "conflicted").length,
    resolveRounds: attempts.filter((a) => a.role === "resolve").length,
    resolveAgentMs: attempts.filter((a) => a.role === "resolve").reduce((sum, a) => sum + span(a), 0),
    failedRounds: events.filter((e) => e.type === "package.resolve_round_failed").length,
    registryEntries: registry.split("\n").filter((l) => /^\s+"/.test(l)).length,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface ConflictsResult {
  runs: PlanRun[];
  /** Conflict records in the shared plans, and how many git or the agent settled. */
  conflicts: number;
  withoutPerson: number;
  byResolver: Record<string, number>;
  conflictedPackages: number;
  conflictedTwice: number;
  /** Shared plans whose final registry lost an entry, or whose run did not complete. */
  incomplete: number;
  ratios: number[];
  medianRatio: number;
  maxRatio: number;
  /** Medians over the pairs, shared minus control (ms): where the extra time goes. */
  extraMs: number;
  extraImplementMs: number;
  extraTailMs: number;
  /** The extra wall time of a shared plan over its control, per conflict record (median over pairs). */
  extraMsPerConflict: number;
  resolveRounds: number;
  resolveAgentMsPerRound: number;
  totalMs: number;
}

/**
 * `agentMsPerFile`: the demo agent's pace (FLOTILLA_DEMO_DELAY_MS). Its default, 1500 ms a file,
 * is still far quicker than a real agent; at 50 ms the engine's own steps dominate the ratio.
 */
export async function measureConflicts(shapes = 10, agentMsPerFile = 1500): Promise<ConflictsResult> {
  const began = performance.now();
  const root = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-conflicts-"));
  const delay = process.env.FLOTILLA_DEMO_DELAY_MS;
  process.env.FLOTILLA_DEMO_DELAY_MS = String(agentMsPerFile);
  const url = `file:${path.join(root, "bench.db")}`;
  const db = openDatabase(url);
  try {
    await ensureMigrated(db, url, process.env.FLOTILLA_HOME ?? process.cwd());
    const ctx: EngineContext = {
      db,
      dataDir: path.join(root, "data"),
      owner: newOwnerId("bench"),
      now: () => new Date(),
      leaseMs: 30_000,
      notify: () => {},
    };
    const runs: PlanRun[] = [];
    for (const [shape, names] of planShapes(shapes).entries()) {
      // Alternate which variant goes first, so a machine that slows down or warms up over the
      // bench does not favour one side.
      const order = shape % 2 === 0 ? [true, false] : [false, true];
      for (const shared of order) runs.push(await runPlan(db, ctx, root, shape, names, shared));
      const pair = runs.slice(-2);
      const s = pair.find((r) => r.shared)!;
      const c = pair.find((r) => !r.shared)!;
      console.log(
        `  plan ${shape + 1}, ${names.length} packages: shared ${(s.wallMs / 1000).toFixed(1)} s (${s.records.length} conflicts, ${s.resolveRounds} resolve rounds) vs ${(c.wallMs / 1000).toFixed(1)} s without: ${(s.wallMs / c.wallMs).toFixed(2)}×`,
      );
    }
    const shared = runs.filter((r) => r.shared);
    const control = (r: PlanRun) => runs.find((c) => !c.shared && c.shape === r.shape)!;
    const records = shared.flatMap((r) => r.records);
    const byResolver: Record<string, number> = {};
    for (const r of records) byResolver[r.resolvedBy ?? "open"] = (byResolver[r.resolvedBy ?? "open"] ?? 0) + 1;
    const ratios = shared.map((r) => r.wallMs / control(r).wallMs);
    const rounds = shared.reduce((sum, r) => sum + r.resolveRounds, 0);
    return {
      runs,
      conflicts: records.length,
      withoutPerson: records.filter((r) => r.resolvedBy === "git" || r.resolvedBy === "agent").length,
      byResolver,
      conflictedPackages: runs.reduce((sum, r) => sum + r.conflictedPackages, 0),
      conflictedTwice: shared.reduce((sum, r) => sum + r.conflictedTwice, 0),
      incomplete: runs.filter((r) => r.status !== "completed" || (r.shared && r.registryEntries !== r.packages)).length,
      ratios,
      medianRatio: median(ratios),
      maxRatio: Math.max(...ratios),
      extraMs: median(shared.map((r) => r.wallMs - control(r).wallMs)),
      extraImplementMs: median(shared.map((r) => r.implementMs - control(r).implementMs)),
      extraTailMs: median(shared.map((r) => r.tailMs - control(r).tailMs)),
      extraMsPerConflict: median(shared.map((r) => (r.wallMs - control(r).wallMs) / Math.max(1, r.records.length))),
      resolveRounds: rounds,
      resolveAgentMsPerRound: rounds ? shared.reduce((sum, r) => sum + r.resolveAgentMs, 0) / rounds : 0,
      totalMs: performance.now() - began,
    };
  } finally {
    if (delay === undefined) delete process.env.FLOTILLA_DEMO_DELAY_MS;
    else process.env.FLOTILLA_DEMO_DELAY_MS = delay;
    await db.$disconnect();
    rmSync(root, { recursive: true, force: true });
  }
}
