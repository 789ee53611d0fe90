// What the dependency graph allows: the longest chain, how many packages can run at once, and
// the time a crew saves over one agent doing the packages one after another (equal durations).
import type { GraphNode } from "../wbs/dependency-graph";
import { compareWpIds } from "../wbs/package-id";
import { computeWaves } from "../wbs/waves";
import { startPriority } from "./priority";

export interface ParallelismEstimate {
  packages: number;
  longestChain: number;
  maxAtOnce: number;
  /** Package durations, one after another vs. with the crew (each package one unit). */
  sequentialUnits: number;
  parallelUnits: number;
  savedFraction: number;
  pureChain: boolean;
}

/** List-schedules unit-length packages on `concurrency` agents: the makespan in units. */
function makespan(nodes: readonly GraphNode[], concurrency: number): number {
  const done = new Set<string>();
  let time = 0;
  while (done.size < nodes.length) {
    const ready = nodes.filter(
      (n) => !done.has(n.id) && n.dependencies.every((d) => done.has(d) || !nodes.some((x) => x.id === d)),
    );
    if (ready.length === 0) return Infinity;
    ready.slice(0, concurrency).forEach((n) => done.add(n.id));
    time++;
  }
  return time;
}

export function estimateParallelism(nodes: readonly GraphNode[], concurrency: number): ParallelismEstimate {
  const waves = computeWaves(nodes, Number.MAX_SAFE_INTEGER);
  const longestChain = waves.waves.length;
  const maxAtOnce = Math.min(concurrency, Math.max(0, ...waves.waves.map((w) => w.length)));
  const parallelUnits = makespan(nodes, concurrency);
  const sequentialUnits = nodes.length;
  return {
    packages: nodes.length,
    longestChain,
    maxAtOnce,
    sequentialUnits,
    parallelUnits,
    savedFraction: sequentialUnits > 0 && Number.isFinite(parallelUnits) ? 1 - parallelUnits / sequentialUnits : 0,
    pureChain: nodes.length > 1 && longestChain === nodes.length,
  };
}

export interface FirstStarts {
  /** The packages that start first, in the engine's order, with their start time after launch. */
  starts: Array<{ id: string; atSeconds: number }>;
  /** Ready at launch but waiting for a free slot. */
  waitingForSlot: string[];
}

/** When the first packages start after Launch: up to `concurrency` of the ready ones, a stagger apart. */
export function firstStarts(
  packages: ReadonlyArray<{ id: string; dependencies: readonly string[]; expected_outputs: readonly string[] }>,
  concurrency: number,
  staggerSeconds: number,
): FirstStarts {
  const priority = startPriority(
    packages.map((p) => ({ id: p.id, dependencies: p.dependencies, expectedOutputs: p.expected_outputs })),
  );
  const known = new Set(packages.map((p) => p.id));
  const ready = packages
    .filter((p) => p.dependencies.every((d) => !known.has(d)))
    .map((p) => p.id)
    .sort((a, b) => (priority.get(b) ?? 0) - (priority.get(a) ?? 0) || compareWpIds(a, b));
  return {
    starts: ready.slice(0, concurrency).map((id, i) => ({ id, atSeconds: i * staggerSeconds })),
    waitingForSlot: ready.slice(concurrency),
  };
}
