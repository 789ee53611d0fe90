// Waves: the topological layers a WBS runs in, at most `cap` packages each (the team-agents
// workflow prescribes 3). Deterministic: among ready packages, the lowest ids go first.
import type { GraphNode } from "./dependency-graph";
import { compareWpIds } from "./package-id";

export const DEFAULT_WAVE_CAP = 3;

/** How many packages a wave shows for a run's concurrency: never fewer than the workflow's 3. */
export const waveCapFor = (concurrency: number): number => Math.max(DEFAULT_WAVE_CAP, concurrency);

export interface WavePlan {
  /** waves[i] holds the ids of wave i+1, in id order. */
  waves: string[][];
  /** Packages that can never start: in or behind a dependency loop. */
  unplaced: string[];
}

/**
 * Layers packages so that each one's dependencies are all in earlier waves. A package never
 * shares a wave with, or precedes, one of its dependencies. Unknown dependency ids are ignored
 * (validation reports them).
 */
export function computeWaves(nodes: readonly GraphNode[], cap = DEFAULT_WAVE_CAP): WavePlan {
  if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`wave cap must be a positive integer, got ${cap}`);
  const known = new Set(nodes.map((n) => n.id));
  const remaining = new Map(nodes.map((n) => [n.id, new Set(n.dependencies.filter((d) => known.has(d)))] as const));
  const placed = new Set<string>();
  const waves: string[][] = [];

  while (remaining.size > 0) {
    const ready = [...remaining.entries()]
      .filter(([, deps]) => [...deps].every((d) => placed.has(d)))
      .map(([id]) => id)
      .sort(compareWpIds)
      .slice(0, cap);
    if (ready.length === 0) break;
    waves.push(ready);
    for (const id of ready) remaining.delete(id);
    for (const id of ready) placed.add(id);
  }
  return { waves, unplaced: [...remaining.keys()].sort(compareWpIds) };
}

/** 1-based wave number per package id (absent for unplaced packages). */
export function waveNumbers(plan: WavePlan): Map<string, number> {
  const numbers = new Map<string, number>();
  plan.waves.forEach((wave, i) => wave.forEach((id) => numbers.set(id, i + 1)));
  return numbers;
}
