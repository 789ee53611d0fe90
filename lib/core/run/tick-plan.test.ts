// Whole runs driven through the pure tick planner, in a simulated world with a fake clock: no
// git, no processes, no database. Each tick asks the planner for each phase's steps and applies
// them the way the engine does.
import { describe, expect, it } from "vitest";
import { planPhase, resolveHeld, TICK_PHASES, type TickPackage, type TickStep, type TickView } from "./tick-plan";
import type { PackageStatus } from "./statuses";
import { describeAdmissionHold, type MachineLoad } from "./admission";

/** What each attempt of a package does: "ok" succeeds, "fail" fails; reviews: "approve" | "reject". */
interface Script {
  durationMs?: number;
  attempts?: Array<"ok" | "fail">;
  reviews?: Array<"approve" | "reject">;
}

interface SimPackage extends TickPackage {
  status: PackageStatus;
  startedAt: number | null;
  stopRequested: boolean;
  starts: number[];
  rejections: number;
  pass: "parallel" | "sequential";
  reviewing: boolean;
  /** Stopped at the cap per package (it fails rather than being cancelled). */
  capped?: boolean;
}

function simulate(
  deps: Record<string, string[]>,
  scripts: Record<string, Script> = {},
  options: {
    concurrency?: number;
    staggerMs?: number;
    budgetUsd?: number | null;
    packageBudgetUsd?: number | null;
    /** The machine's figures (changed by the test as it goes); admission needs 1000 MB free. */
    machine?: MachineLoad;
    reviews?: boolean;
    cancelAt?: number;
  } = {},
) {
  let now = 0;
  let runStatus: "running" | "completed" | "failed" | "cancelled" = "running";
  let reason: string | null = null;
  const view: Omit<TickView, "packages"> & { packages: SimPackage[] } = {
    cancelRequested: false,
    costUsd: 0,
    budgetUsd: options.budgetUsd ?? null,
    packageBudgetUsd: options.packageBudgetUsd ?? null,
    machine: options.machine ? { load: options.machine, limits: { minFreeMemoryMb: 1000, maxLoadPerCore: 2 } } : null,
    concurrency: options.concurrency ?? 3,
    staggerMs: options.staggerMs ?? 0,
    lastStartAt: null,
    packages: Object.entries(deps).map(([id, dependencies]) => ({
      id,
      status: "pending",
      dependencies,
      expectedOutputs: [`src/${id}.ts`],
      reviewNext: null,
      attemptActive: false,
      startedAt: null,
      stopRequested: false,
      starts: [],
      rejections: 0,
      pass: "parallel",
      reviewing: false,
    })),
  };
  const byId = (id: string) => view.packages.find((p) => p.id === id)!;
  const maxRunning = { value: 0 };
  const consumed = new Map<string, { attempts: number; reviews: number }>();
  const next = (p: SimPackage, kind: "attempts" | "reviews") => {
    const used = consumed.get(p.id) ?? { attempts: 0, reviews: 0 };
    const list = scripts[p.id]?.[kind] ?? [];
    const value = list[used[kind]] ?? (kind === "attempts" ? "ok" : "approve");
    used[kind] += 1;
    consumed.set(p.id, used);
    return value;
  };

  const apply = (step: TickStep): boolean => {
    const p = "wpId" in step ? byId(step.wpId) : null;
    switch (step.kind) {
      case "collect": {
        if (!p!.attemptActive) return false;
        if (p!.stopRequested) {
          Object.assign(p!, { status: p!.capped ? "failed" : "cancelled", attemptActive: false, stopRequested: false });
          return false;
        }
        if (now < p!.startedAt! + (scripts[p!.id]?.durationMs ?? 3000)) return false;
        p!.attemptActive = false;
        // Agents report what they spent when they end: $1 a step.
        p!.costUsd = (p!.costUsd ?? 0) + 1;
        if (p!.status === "resolving") p!.status = "succeeded";
        else if (p!.reviewing) {
          p!.reviewing = false;
          if (next(p!, "reviews") === "approve") p!.status = "succeeded";
          else if (++p!.rejections >= 2) Object.assign(p!, { status: p!.pass === "parallel" ? "deferred" : "failed" });
          else Object.assign(p!, { status: "fixing", reviewNext: "fix" });
        } else if (p!.status === "fixing") Object.assign(p!, { status: "reviewing", reviewNext: "spec-review" });
        else if (next(p!, "attempts") === "fail") p!.status = "failed";
        else if (options.reviews) Object.assign(p!, { status: "reviewing", reviewNext: "spec-review" });
        else p!.status = "succeeded";
        return false;
      }
      case "stop":
        p!.stopRequested = true;
        return false;
      case "cancel":
        p!.status = "cancelled";
        return false;
      case "stop_spending":
        for (const q of view.packages) if (q.attemptActive) q.stopRequested = true;
        return false;
      case "hold":
        p!.heldNote = describeAdmissionHold(step.hold);
        return false;
      case "unhold":
        p!.heldNote = null;
        return false;
      case "cap_package":
        if (step.stop) Object.assign(p!, { stopRequested: true, capped: true });
        else p!.status = "failed";
        return false;
      case "resolve":
        Object.assign(p!, { attemptActive: true, resolveDue: false, startedAt: now });
        return false;
      case "review":
        Object.assign(p!, {
          attemptActive: true,
          reviewing: p!.reviewNext !== "fix",
          reviewNext: null,
          startedAt: now,
        });
        return false;
      case "merge":
        p!.status = "merged";
        return false;
      case "block":
        p!.status = "blocked";
        return false;
      case "unblock":
        p!.status = "pending";
        return false;
      case "rerun_deferred":
        Object.assign(p!, { status: "pending", pass: "sequential", rejections: 0 });
        return false;
      case "settle_over_budget":
        if (view.packages.some((q) => q.attemptActive)) return true;
        for (const q of view.packages) if (q.status === "pending") q.status = "cancelled";
        runStatus = "cancelled";
        reason = "budget";
        return true;
      case "settle":
        runStatus = step.status;
        reason = step.reason?.code ?? null;
        return true;
      case "wait":
        return true;
      case "start":
        Object.assign(p!, {
          status: "running",
          attemptActive: true,
          startedAt: now,
          attemptStartedAt: now,
          heldNote: null,
        });
        p!.starts.push(now);
        view.lastStartAt = now;
        view.costUsd += 1;
        maxRunning.value = Math.max(maxRunning.value, view.packages.filter((q) => q.status === "running").length);
        return false;
    }
  };

  const run = (limit = 400) => {
    for (let tick = 0; tick < limit && runStatus === "running"; tick++, now += 1000) {
      if (options.cancelAt !== undefined && now >= options.cancelAt) view.cancelRequested = true;
      ticking: for (const phase of TICK_PHASES) {
        for (let round = 0; round <= view.packages.length; round++) {
          const steps = planPhase(phase, view, now);
          if (steps.length === 0) break;
          for (const step of steps) if (apply(step)) break ticking;
          if (phase !== "merge") break;
        }
      }
    }
    return { status: runStatus, reason, statuses: Object.fromEntries(view.packages.map((p) => [p.id, p.status])) };
  };
  /** A person retries a package: it goes back to pending and the run reopens. */
  const retry = (id: string) => {
    byId(id).status = "pending";
    runStatus = "running";
  };
  const setCap = (usd: number | null) => (view.packageBudgetUsd = usd);
  /** This machine's runner drains (a name) or takes work again (null). */
  const drain = (runner: string | null) => (view.drainingRunner = runner);
  return { run, retry, byId, maxRunning, setCap, drain, now: () => now };
}

describe("the tick planner drives whole runs", () => {
  it("independent packages: at most `concurrency` at once, starts a stagger apart, all merged", () => {
    const sim = simulate({ "WP-1": [], "WP-2": [], "WP-3": [] }, {}, { concurrency: 2, staggerMs: 2000 });
    expect(sim.run()).toEqual({
      status: "completed",
      reason: null,
      statuses: { "WP-1": "merged", "WP-2": "merged", "WP-3": "merged" },
    });
    expect(sim.maxRunning.value).toBe(2);
    const starts = ["WP-1", "WP-2", "WP-3"].map((id) => sim.byId(id).starts[0]).sort((a, b) => a - b);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(2000);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(2000);
  });

  it("a diamond runs in dependency order: the last package starts after both middle ones merged", () => {
    const sim = simulate({ "WP-1": [], "WP-2": ["WP-1"], "WP-3": ["WP-1"], "WP-4": ["WP-2", "WP-3"] });
    expect(sim.run().status).toBe("completed");
    const start = (id: string) => sim.byId(id).starts[0];
    expect(start("WP-2")).toBeGreaterThan(start("WP-1"));
    expect(start("WP-3")).toBeGreaterThan(start("WP-1"));
    expect(start("WP-4")).toBeGreaterThanOrEqual(Math.max(start("WP-2"), start("WP-3")) + 3000);
  });

  it("a failure blocks what depends on it and fails the run; a retry of that one package completes it", () => {
    const sim = simulate({ "WP-1": [], "WP-2": ["WP-1"], "WP-3": [] }, { "WP-1": { attempts: ["fail", "ok"] } });
    expect(sim.run()).toEqual({
      status: "failed",
      reason: "unmerged",
      statuses: { "WP-1": "failed", "WP-2": "blocked", "WP-3": "merged" },
    });
    sim.retry("WP-1");
    expect(sim.run().statuses).toEqual({ "WP-1": "merged", "WP-2": "merged", "WP-3": "merged" });
    expect(sim.byId("WP-3").starts).toHaveLength(1);
  });

  it("two rejections defer a package; it runs again alone once the others merged", () => {
    const sim = simulate(
      { "WP-1": [], "WP-2": [] },
      { "WP-2": { reviews: ["reject", "reject", "approve"] } },
      { reviews: true },
    );
    expect(sim.run()).toMatchObject({ status: "completed", statuses: { "WP-1": "merged", "WP-2": "merged" } });
    expect(sim.byId("WP-2").starts).toHaveLength(2);
    expect(sim.byId("WP-2").starts[1]).toBeGreaterThan(sim.byId("WP-1").starts[0] + 3000);
  });

  it("the cap per package stops only that package: before its next agent step, or its running agent", () => {
    // Each agent step costs $1. WP-1 is rejected once: its fix would be its third dollar.
    const reviewed = simulate(
      { "WP-1": [], "WP-2": [] },
      { "WP-1": { reviews: ["reject", "approve"] } },
      { reviews: true, packageBudgetUsd: 2 },
    );
    expect(reviewed.run()).toMatchObject({ status: "failed", statuses: { "WP-1": "failed", "WP-2": "merged" } });
    expect(reviewed.byId("WP-1").capped).toBeUndefined();

    // A retry that did not raise the cap does not start again; after raising it, it runs.
    const retried = simulate(
      { "WP-1": [], "WP-2": [] },
      { "WP-1": { attempts: ["fail", "ok"] } },
      { packageBudgetUsd: 1 },
    );
    expect(retried.run()).toMatchObject({ statuses: { "WP-1": "failed", "WP-2": "merged" } });
    retried.retry("WP-1");
    expect(retried.run()).toMatchObject({ status: "failed", statuses: { "WP-1": "failed" } });
    expect(retried.byId("WP-1").starts).toHaveLength(1);
    retried.setCap(5);
    retried.retry("WP-1");
    expect(retried.run()).toMatchObject({ status: "completed", statuses: { "WP-1": "merged" } });

    // A cap lowered below what a running package has spent stops its agent; it fails, not cancelled.
    const lowered = simulate(
      { "WP-1": [], "WP-2": [] },
      { "WP-1": { reviews: ["reject", "approve"], durationMs: 5000 } },
      { reviews: true },
    );
    lowered.run(8); // WP-1's implementation ($1) is done; its spec review is running.
    expect(lowered.byId("WP-1")).toMatchObject({ status: "reviewing", attemptActive: true });
    lowered.setCap(1);
    expect(lowered.run()).toMatchObject({ status: "failed", statuses: { "WP-1": "failed", "WP-2": "merged" } });
    expect(lowered.byId("WP-1").capped).toBe(true);
  });

  it("admission: while memory or CPU is short, no second agent starts and the next package says why", () => {
    const machine: MachineLoad = { freeMemoryMb: 600, totalMemoryMb: 8000, load1: 0.5, cores: 2 };
    const sim = simulate(
      { "WP-1": [], "WP-2": [], "WP-3": [] },
      { "WP-1": { durationMs: 10_000 } },
      { concurrency: 3, machine },
    );
    sim.run(3);
    // One agent always starts (a busy machine slows a run, never stalls it); the next one waits.
    expect(sim.byId("WP-1").status).toBe("running");
    expect(sim.byId("WP-2")).toMatchObject({
      status: "pending",
      heldNote:
        "Waiting for memory: 600 MB free, 1 agent still starting; 1,000 MB stay free and a new agent needs 1,024 MB",
    });
    expect(sim.byId("WP-3")).toMatchObject({ status: "pending", heldNote: sim.byId("WP-2").heldNote });
    machine.freeMemoryMb = 4000;
    machine.load1 = 5;
    sim.run(2);
    expect(sim.byId("WP-2")).toMatchObject({
      status: "pending",
      heldNote: "Waiting for CPU: load 2.5 per core, starts below 2",
    });
    machine.load1 = 1;
    machine.freeMemoryMb = 16_000;
    const result = sim.run();
    expect(result.status).toBe("completed");
    expect(sim.byId("WP-2").heldNote).toBeNull();
    expect(sim.maxRunning.value).toBe(3);
  });

  it("a draining runner starts nothing, not even the one agent a busy machine still gets; resumed, the run completes", () => {
    const sim = simulate({ "WP-1": [], "WP-2": [] }, { "WP-1": { durationMs: 5_000 } }, { concurrency: 1 });
    sim.run(1);
    expect(sim.byId("WP-1").status).toBe("running");
    sim.drain("box-1");
    sim.run(8);
    expect(sim.byId("WP-1").status).toBe("merged");
    expect(sim.byId("WP-2")).toMatchObject({
      status: "pending",
      heldNote:
        "Waiting: runner box-1 is draining (it finishes its running work and starts nothing new); resume it on the Runners page",
    });
    sim.drain(null);
    expect(sim.run().status).toBe("completed");
    expect(sim.byId("WP-2").heldNote).toBeNull();
  });

  it("admission counts agents still starting: with room for two more, a batch of four starts two", () => {
    // 2048 MB spare above the 1000 MB that stay free: two agents of 1024 MB, whatever the batch.
    const machine: MachineLoad = { freeMemoryMb: 3048, totalMemoryMb: 8000, load1: 0.5, cores: 2 };
    const sim = simulate(
      { "WP-1": [], "WP-2": [], "WP-3": [], "WP-4": [] },
      { "WP-1": { durationMs: 60_000 }, "WP-2": { durationMs: 60_000 } },
      { concurrency: 4, machine },
    );
    sim.run(2);
    expect(["WP-1", "WP-2", "WP-3", "WP-4"].map((id) => sim.byId(id).status)).toEqual([
      "running",
      "running",
      "pending",
      "pending",
    ]);
    expect(sim.byId("WP-3").heldNote).toBe(
      "Waiting for memory: 3,000 MB free, 2 agents still starting; 1,000 MB stay free and a new agent needs 1,024 MB",
    );
  });

  it("the budget stops running agents, starts nothing new, and settles the run as cancelled", () => {
    const sim = simulate(
      { "WP-1": [], "WP-2": [], "WP-3": [], "WP-4": ["WP-1"] },
      {},
      { concurrency: 2, budgetUsd: 2 },
    );
    const result = sim.run();
    expect(result).toMatchObject({ status: "cancelled", reason: "budget" });
    expect(["WP-1", "WP-2", "WP-3", "WP-4"].flatMap((id) => sim.byId(id).starts)).toHaveLength(2);
  });

  it("a cancel request stops every worker, cancels what never started, and settles once they ended", () => {
    const sim = simulate({ "WP-1": [], "WP-2": ["WP-1"] }, { "WP-1": { durationMs: 60_000 } }, { cancelAt: 5000 });
    expect(sim.run()).toEqual({
      status: "cancelled",
      reason: "cancelled",
      statuses: { "WP-1": "cancelled", "WP-2": "cancelled" },
    });
    expect(sim.now()).toBeLessThan(20_000);
  });
});

describe("agent rounds on conflicts of the same files", () => {
  const pkgOf = (id: string, status: PackageStatus, extra: Partial<TickPackage> = {}): TickPackage => ({
    id,
    status,
    dependencies: [],
    expectedOutputs: [],
    reviewNext: null,
    attemptActive: false,
    ...extra,
  });
  const viewOf = (packages: TickPackage[]): TickView => ({
    cancelRequested: false,
    costUsd: 0,
    budgetUsd: null,
    concurrency: 3,
    staggerMs: 0,
    lastStartAt: null,
    packages,
  });
  const due = (files: string[]) => ({ resolveDue: true, conflict: { files, phase: "resolving" as const } });

  it("start one at a time: the lowest id first, the next once the first one's resolution merged", () => {
    const both = viewOf([
      pkgOf("WP-1", "merged"),
      pkgOf("WP-2", "resolving", due(["registry.js"])),
      pkgOf("WP-3", "resolving", due(["registry.js"])),
    ]);
    expect(planPhase("review", both, 0)).toEqual([{ kind: "resolve", wpId: "WP-2" }]);
    expect(resolveHeld(both, "WP-3")).toBe(true);
    const resolvedNotMerged = viewOf([
      pkgOf("WP-2", "succeeded", { conflict: { files: ["registry.js"], phase: "resolved" } }),
      pkgOf("WP-3", "resolving", due(["registry.js"])),
    ]);
    expect(planPhase("review", resolvedNotMerged, 0)).toEqual([]);
    const merged = viewOf([pkgOf("WP-2", "merged"), pkgOf("WP-3", "resolving", due(["registry.js"]))]);
    expect(planPhase("review", merged, 0)).toEqual([{ kind: "resolve", wpId: "WP-3" }]);
  });

  it("do not hold each other back on different files, or behind one waiting for a person", () => {
    const view = viewOf([
      pkgOf("WP-2", "resolving", { ...due(["a.js"]), attemptActive: true }),
      pkgOf("WP-3", "resolving", due(["b.js"])),
      pkgOf("WP-4", "conflicted", { conflict: { files: ["c.js"], phase: "waiting" } }),
      pkgOf("WP-5", "resolving", due(["c.js"])),
    ]);
    expect(planPhase("review", view, 0)).toEqual([
      { kind: "resolve", wpId: "WP-3" },
      { kind: "resolve", wpId: "WP-5" },
    ]);
  });
});

describe("a conflict round waiting its turn", () => {
  it("does not take a slot from a package that could start", () => {
    const base = { dependencies: [], expectedOutputs: [], reviewNext: null } as const;
    const view: TickView = {
      cancelRequested: false,
      costUsd: 0,
      budgetUsd: null,
      concurrency: 2,
      staggerMs: 0,
      lastStartAt: null,
      packages: [
        {
          ...base,
          id: "WP-1",
          status: "resolving",
          attemptActive: true,
          conflict: { files: ["r.js"], phase: "resolving" },
        },
        {
          ...base,
          id: "WP-2",
          status: "resolving",
          attemptActive: false,
          resolveDue: true,
          conflict: { files: ["r.js"], phase: "resolving" },
        },
        { ...base, id: "WP-3", status: "pending", attemptActive: false },
      ],
    };
    expect(planPhase("start", view, 0)).toEqual([{ kind: "start", wpId: "WP-3" }]);
  });
});

describe("conflict rounds and the rest of the run", () => {
  const base = { dependencies: [], expectedOutputs: [], reviewNext: null, attemptActive: false } as const;
  const view = (packages: TickPackage[], cancelRequested = false): TickView => ({
    cancelRequested,
    costUsd: 0,
    budgetUsd: null,
    concurrency: 3,
    staggerMs: 0,
    lastStartAt: null,
    packages,
  });
  const onFiles = (phase: "resolving" | "resolved" | "waiting") => ({ conflict: { files: ["r.js"], phase } });

  it("a cancel cancels a round waiting its turn at once (no worker to stop) and settles", () => {
    const steps = planPhase(
      "cancel",
      view(
        [
          { ...base, id: "WP-2", status: "resolving", attemptActive: true, ...onFiles("resolving") },
          { ...base, id: "WP-3", status: "resolving", resolveDue: true, ...onFiles("resolving") },
        ],
        true,
      ),
      0,
    );
    expect(steps).toEqual([{ kind: "stop", wpId: "WP-2" }, { kind: "cancel", wpId: "WP-3" }, { kind: "wait" }]);
    const after = planPhase(
      "cancel",
      view([{ ...base, id: "WP-3", status: "resolving", resolveDue: true, ...onFiles("resolving") }], true),
      0,
    );
    expect(after.at(-1)).toEqual({ kind: "settle", status: "cancelled", reason: { code: "cancelled", scope: "run" } });
  });

  it("a resolution that stopped on its way (failed, deferred) holds no other round back", () => {
    for (const status of ["failed", "deferred", "cancelled"] as const) {
      const v = view([
        { ...base, id: "WP-2", status, ...onFiles("resolved") },
        { ...base, id: "WP-3", status: "resolving", resolveDue: true, ...onFiles("resolving") },
      ]);
      expect(resolveHeld(v, "WP-3")).toBe(false);
    }
  });
});
