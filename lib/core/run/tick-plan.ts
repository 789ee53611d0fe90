// What one pass of the orchestrator should do, decided from a run's state alone: the engine's
// tick asks for each phase's steps in turn, carries them out (processes, git, database), reloads
// the state and asks again. Pure: the clock comes in as `now`; a test can drive whole runs with
// a simulated world and a fake clock.
import {
  admission,
  RAMP_UP_MS,
  describeAdmissionHold,
  type AdmissionHold,
  type AdmissionLimits,
  type MachineLoad,
} from "./admission";
import { overBudget, overPackageCap } from "./budget";
import { startPriority } from "./priority";
import { nextToMerge, reconcileBlocked, runOutcome } from "./progress";
import { decideStarts } from "./schedule";
import { holdsSlot, isRetryable, type PackageStatus } from "./statuses";
import type { StopReason } from "./stop-reasons";
import { compareWpIds } from "../wbs/package-id";

export interface TickPackage {
  id: string;
  status: PackageStatus;
  dependencies: readonly string[];
  expectedOutputs: readonly string[];
  /** The review step it waits for (a reviewer or a fix), if any. */
  reviewNext: "spec-review" | "quality-review" | "fix" | null;
  /** Its latest attempt's worker is still starting or running. */
  attemptActive: boolean;
  /** Resolving a merge conflict, and the next agent round is due. */
  resolveDue?: boolean;
  /** Its open merge conflict: the files, and where it stands. */
  conflict?: { files: readonly string[]; phase: "resolving" | "resolved" | "waiting" } | null;
  /** What its attempts (every role) reported spending. */
  costUsd?: number;
  /** The words of the machine hold recorded on it (a ready package waiting for memory or CPU). */
  heldNote?: string | null;
  /** When its running attempt started (ms): a new agent's memory is still growing. */
  attemptStartedAt?: number | null;
}

export interface TickView {
  cancelRequested: boolean;
  costUsd: number;
  budgetUsd: number | null;
  /** Dollars one package may spend (null: no cap). */
  packageBudgetUsd?: number | null;
  /**
   * The machine's figures now and the limits a new agent must fit in (absent: admit by count only).
   * `agentsRunning` / `agentsStarting`: agents of every run on this machine (absent: this run's),
   * so runs side by side do not each admit agents against the same free memory.
   */
  machine?: { load: MachineLoad; limits: AdmissionLimits; agentsRunning?: number; agentsStarting?: number } | null;
  /** The name of this machine's runner when it is draining: no package starts (absent: it takes work). */
  drainingRunner?: string | null;
  concurrency: number;
  staggerMs: number;
  lastStartAt: number | null;
  packages: readonly TickPackage[];
}

export type TickStep =
  /** Read what its worker did (finished, vanished, still running). */
  | { kind: "collect"; wpId: string }
  /** Stop its worker (a cancel request). */
  | { kind: "stop"; wpId: string }
  /** Mark a package that never started as cancelled. */
  | { kind: "cancel"; wpId: string }
  /** Stop every running agent: the budget is reached. */
  | { kind: "stop_spending"; over: { budgetUsd: number; spentUsd: number } }
  /**
   * Its attempts reached the cap per package: stop its agent (`stop`; again each tick until it has
   * ended), or fail it at once when no agent runs (nothing more is spent on it).
   */
  | {
      kind: "cap_package";
      wpId: string;
      stop: boolean;
      over: { capUsd: number; spentUsd: number };
      /** The review step it stops before (a raised cap continues there, not from the start). */
      resumeAt?: "reviewing" | "fixing";
    }
  /** Start the reviewer or fix it waits for. */
  | { kind: "review"; wpId: string }
  /** Start the next agent round on its merge conflict. */
  | { kind: "resolve"; wpId: string }
  | { kind: "merge"; wpId: string }
  | { kind: "block"; wpId: string; waitingFor: readonly string[] }
  | { kind: "unblock"; wpId: string }
  /** A deferred package runs again alone, now that nothing else can move. */
  | { kind: "rerun_deferred"; wpId: string }
  | { kind: "settle"; status: "completed" | "failed" | "cancelled"; reason: StopReason | null }
  /** Over budget: settle once no agent runs any more. */
  | { kind: "settle_over_budget"; over: { budgetUsd: number; spentUsd: number } }
  /** Nothing more this tick (a cancel is waiting for workers to end). */
  | { kind: "wait" }
  | { kind: "start"; wpId: string }
  /** A ready package waits for the machine (memory or CPU): say so on it, with the figures. */
  | { kind: "hold"; wpId: string; hold: AdmissionHold }
  /** The machine no longer holds it back (or it is no longer next): clear its note. */
  | { kind: "unhold"; wpId: string };

/** The phases of a tick, in order; "block" runs again after a deferred package is requeued. */
export const TICK_PHASES = [
  "collect",
  "cancel",
  "budget",
  "review",
  "merge",
  "block",
  "defer",
  "block",
  "settle",
  "start",
] as const;
export type TickPhase = (typeof TICK_PHASES)[number];

const schedulable = (view: TickView) =>
  view.packages.map((p) => ({
    id: p.id,
    status: p.status,
    dependencies: p.dependencies,
    // A conflict round held back for another one on the same files runs nothing meanwhile.
    idle: p.status === "resolving" && !p.attemptActive && resolveHeld(view, p.id),
  }));

/** Statuses in which a package can still move without a person: deferred ones wait for them. */
const MOVING: ReadonlySet<PackageStatus> = new Set([
  "pending",
  "running",
  "reviewing",
  "fixing",
  "succeeded",
  "merging",
  "awaiting_approval",
  "resolving",
]);

/** Statuses whose next step starts an agent: a package over its cap stops there instead. */
const CAPPED_BEFORE: ReadonlySet<PackageStatus> = new Set(["pending", "reviewing", "fixing", "resolving"]);

/**
 * An agent round on `wpId`'s conflict waits while another package's resolution of the same files
 * is under way or not merged yet (or is due first, by id): once that one merges, the feature
 * branch holds it, and one round settles both sides instead of a second conflict and round.
 */
const ON_ITS_WAY: ReadonlySet<PackageStatus> = new Set([
  "succeeded",
  "merging",
  "reviewing",
  "fixing",
  "awaiting_approval",
]);

export function resolveHeld(view: TickView, wpId: string): boolean {
  const p = view.packages.find((q) => q.id === wpId);
  if (!p?.conflict) return false;
  const files = new Set(p.conflict.files);
  return view.packages.some((q) => {
    if (q.id === p.id || !q.conflict || !q.conflict.files.some((f) => files.has(f))) return false;
    if (q.status === "resolving") return q.attemptActive || (q.resolveDue === true && compareWpIds(q.id, p.id) < 0);
    return q.conflict.phase === "resolved" && ON_ITS_WAY.has(q.status);
  });
}

export function planPhase(phase: TickPhase, view: TickView, now: number): TickStep[] {
  const over = overBudget(view.costUsd, view.budgetUsd);
  switch (phase) {
    case "collect":
      return view.packages.filter((p) => holdsSlot(p.status)).map((p) => ({ kind: "collect", wpId: p.id }));
    case "cancel": {
      if (!view.cancelRequested) return [];
      const steps: TickStep[] = [];
      for (const p of view.packages) {
        // Between two steps (a conflict round waiting its turn, a reviewer not started yet) there
        // is no worker to stop: it is cancelled at once.
        if (holdsSlot(p.status) && p.attemptActive) steps.push({ kind: "stop", wpId: p.id });
        else if (p.status === "pending" || p.status === "blocked" || holdsSlot(p.status))
          steps.push({ kind: "cancel", wpId: p.id });
      }
      const stillRunning = view.packages.some(
        (p) => (holdsSlot(p.status) && p.attemptActive) || p.status === "merging",
      );
      steps.push(
        stillRunning
          ? { kind: "wait" }
          : { kind: "settle", status: "cancelled", reason: { code: "cancelled", scope: "run" } },
      );
      return steps;
    }
    case "budget": {
      if (over) return [{ kind: "stop_spending", over }];
      return view.packages.flatMap((p): TickStep[] => {
        const capped = overPackageCap(p.costUsd ?? 0, view.packageBudgetUsd ?? null);
        if (!capped || view.cancelRequested) return [];
        if (p.attemptActive) return [{ kind: "cap_package", wpId: p.id, stop: true, over: capped }];
        // Waiting for an agent step (its first start after a retry, a reviewer, a fix, a conflict
        // round) that would spend more: it stops here. Finished work still merges.
        if (!CAPPED_BEFORE.has(p.status)) return [];
        const resumeAt = p.status === "reviewing" || p.status === "fixing" ? p.status : undefined;
        return [{ kind: "cap_package", wpId: p.id, stop: false, over: capped, ...(resumeAt ? { resumeAt } : {}) }];
      });
    }
    case "review":
      if (over) return [];
      return view.packages.flatMap((p): TickStep[] => {
        if (p.attemptActive) return [];
        if ((p.status === "reviewing" || p.status === "fixing") && p.reviewNext !== null)
          return [{ kind: "review", wpId: p.id }];
        if (p.status === "resolving" && p.resolveDue && !resolveHeld(view, p.id))
          return [{ kind: "resolve", wpId: p.id }];
        return [];
      });
    case "merge": {
      // A merge interrupted by a crash first, then the next finished package by id.
      const interrupted = view.packages.find((p) => p.status === "merging");
      const next = interrupted?.id ?? nextToMerge(schedulable(view));
      return next ? [{ kind: "merge", wpId: next }] : [];
    }
    case "block":
      return reconcileBlocked(schedulable(view)).map(([wpId, status]) =>
        status === "blocked"
          ? { kind: "block", wpId, waitingFor: view.packages.find((p) => p.id === wpId)!.dependencies }
          : { kind: "unblock", wpId },
      );
    case "defer": {
      if (over || view.packages.some((p) => MOVING.has(p.status))) return [];
      const next = view.packages.filter((p) => p.status === "deferred").sort((a, b) => compareWpIds(a.id, b.id))[0];
      return next ? [{ kind: "rerun_deferred", wpId: next.id }] : [];
    }
    case "settle": {
      const outcome = runOutcome(schedulable(view));
      if (over && outcome !== "completed") return [{ kind: "settle_over_budget", over }];
      if (outcome === "running") return [];
      const stuck = view.packages.filter((p) => p.status !== "merged");
      const reason: StopReason = {
        code: "unmerged",
        packages: stuck.map((p) => p.id),
        retry: stuck.filter((p) => isRetryable(p.status)).map((p) => p.id),
      };
      return [{ kind: "settle", status: outcome, reason: outcome === "failed" ? reason : null }];
    }
    case "start": {
      const decision = decideStarts({
        packages: schedulable(view),
        concurrency: view.concurrency,
        staggerMs: view.staggerMs,
        lastStartAt: view.lastStartAt,
        now,
        priority: startPriority(view.packages),
      });
      const machine = machineAdmission(view, now);
      const running =
        view.machine?.agentsRunning ?? view.packages.filter((p) => holdsSlot(p.status) && p.attemptActive).length;
      // Short of memory or CPU: with no agent running on the machine, one still starts (a busy
      // machine slows a run down, never stalls it); the rest wait and say why.
      // A draining runner starts nothing, not even the one a busy machine still gets.
      const drain: AdmissionHold | null = view.drainingRunner
        ? { resource: "runner", runner: view.drainingRunner }
        : null;
      const slots = drain ? 0 : machine ? Math.max(machine.slots, running === 0 ? 1 : 0) : Infinity;
      const admitted = decision.startNow.slice(0, slots);
      const hold = admitted.length < decision.startNow.length ? (drain ?? machine!.hold) : null;
      const waiting = decision.startNow.filter((id) => !admitted.includes(id));
      const steps: TickStep[] = [];
      // What was held but is not next any more (or no longer held) loses its note.
      for (const p of view.packages)
        if (p.heldNote && !waiting.includes(p.id) && !admitted.includes(p.id))
          steps.push({ kind: "unhold", wpId: p.id });
      steps.push(...admitted.map((wpId): TickStep => ({ kind: "start", wpId })));
      if (!hold) return steps;
      const note = describeAdmissionHold(hold);
      const held = waiting.filter((id) => view.packages.find((p) => p.id === id)?.heldNote !== note);
      return [...steps, ...held.map((wpId): TickStep => ({ kind: "hold", wpId, hold }))];
    }
  }
}

/** How many more agents the machine takes now, and why no more (null: admission is off). */
export function machineAdmission(view: TickView, now: number): { slots: number; hold: AdmissionHold | null } | null {
  if (!view.machine) return null;
  const starting =
    view.machine.agentsStarting ??
    view.packages.filter((p) => p.attemptActive && p.attemptStartedAt != null && now - p.attemptStartedAt < RAMP_UP_MS)
      .length;
  return admission(view.machine.limits, view.machine.load, starting);
}

/** When the stagger lets the next package start (for a countdown), if one waits for it. */
export function nextStartAt(view: TickView, now: number): number | null {
  return decideStarts({
    packages: schedulable(view),
    concurrency: view.concurrency,
    staggerMs: view.staggerMs,
    lastStartAt: view.lastStartAt,
    now,
    priority: startPriority(view.packages),
  }).nextStartAt;
}
