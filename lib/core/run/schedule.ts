// The scheduler's decision: which packages start now. A package starts only when all its
// dependencies are merged; at most `concurrency` run at once; consecutive starts are at least
// `staggerMs` apart. Pure: the clock comes in as `now`.
import { compareWpIds } from "../wbs/package-id";
import { holdsSlot, isMerged, type PackageStatus } from "./statuses";

export interface SchedulablePackage {
  id: string;
  status: PackageStatus;
  dependencies: readonly string[];
  /** Holds a slot by its status but runs no agent now (a conflict round waiting its turn). */
  idle?: boolean;
}

export interface ScheduleInput {
  packages: readonly SchedulablePackage[];
  concurrency: number;
  staggerMs: number;
  /** When the previous package started (ms), or null when none has. */
  lastStartAt: number | null;
  now: number;
  /** Higher starts first; see criticalPathPriority. Missing: all equal. */
  priority?: ReadonlyMap<string, number>;
}

export interface ScheduleDecision {
  /** Start these now, in this order (each start counts as happening at `now`). */
  startNow: string[];
  /** Ready packages that must wait (for a slot or the stagger), in start order. */
  waiting: string[];
  /** When the stagger next allows a start (ms), if a ready package is waiting only for it. */
  nextStartAt: number | null;
}

/** Packages whose dependencies are all merged and that have not started, best first. */
export function readyPackages(
  packages: readonly SchedulablePackage[],
  priority?: ReadonlyMap<string, number>,
): string[] {
  const merged = new Set(packages.filter((p) => isMerged(p.status)).map((p) => p.id));
  return packages
    .filter((p) => p.status === "pending" && p.dependencies.every((d) => merged.has(d)))
    .map((p) => p.id)
    .sort((a, b) => (priority?.get(b) ?? 0) - (priority?.get(a) ?? 0) || compareWpIds(a, b));
}

export function decideStarts(input: ScheduleInput): ScheduleDecision {
  const ready = readyPackages(input.packages, input.priority);
  const running = input.packages.filter((p) => holdsSlot(p.status) && !p.idle).length;
  const free = Math.max(0, input.concurrency - running);
  const staggerOpensAt = input.lastStartAt === null ? -Infinity : input.lastStartAt + input.staggerMs;

  let startable = Math.min(free, ready.length);
  if (input.staggerMs > 0) startable = input.now >= staggerOpensAt ? Math.min(startable, 1) : 0;
  const startNow = ready.slice(0, startable);
  const waiting = ready.slice(startable);

  let nextStartAt: number | null = null;
  if (waiting.length > 0 && input.staggerMs > 0 && free - startNow.length > 0) {
    nextStartAt = startNow.length > 0 ? input.now + input.staggerMs : staggerOpensAt;
  }
  return { startNow, waiting, nextStartAt };
}
