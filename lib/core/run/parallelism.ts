// What the dependency graph allows: the longest chain, how many packages can run at once, and
// the time a crew saves over one agent doing the packages one after another (equal durations).
import type { GraphNode } from "../wbs/dependency-graph";
import { computeWaves } from "../wbs/waves";

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
