// Scheduling efficiency: the engine's real start decision (decideStarts + critical-path
// priority) on a simulated clock, against the lower bound max(critical path, work / concurrency)
// and against the team-agents wave barrier (a wave of at most 3 starts when the last one ended).
import { criticalPathPriority } from "@/lib/core/run/priority";
import { decideStarts } from "@/lib/core/run/schedule";
import type { PackageStatus } from "@/lib/core/run/statuses";
import { computeWaves } from "@/lib/core/wbs/waves";

interface SimPackage {
  id: string;
  dependencies: string[];
  duration: number;
  outputs: number;
}
type Mode = "independent" | "some" | "sequential";

/** A seeded generator, so every run of the benchmark sees the same graphs. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function randomPlan(rand: () => number, mode: Mode): SimPackage[] {
  const n = 3 + Math.floor(rand() * 8);
  return Array.from({ length: n }, (_, i) => {
    const outputs = 1 + Math.floor(rand() * 4);
    // Log-normal around a 600 s median; bigger packages (more files) tend to take longer.
    const duration = 600 * Math.exp(0.5 * normal(rand)) * (0.4 + 0.24 * outputs);
    let dependencies: string[] = [];
    if (mode === "sequential" && i > 0) dependencies = [`WP-${i}`];
    if (mode === "some" && i > 0)
      dependencies = Array.from({ length: i }, (_, j) => `WP-${j + 1}`).filter(() => rand() < 0.25);
    return { id: `WP-${i + 1}`, dependencies, duration, outputs };
  });
}

/** Makespan with the engine's scheduler: start what decideStarts allows at every event. */
export function engineMakespan(plan: SimPackage[], concurrency: number, staggerMs: number, sized = true): number {
  const priority = criticalPathPriority(plan, (id) => (sized ? plan.find((p) => p.id === id)!.outputs : 1));
  const status = new Map<string, PackageStatus>(plan.map((p) => [p.id, "pending"]));
  const ends = new Map<string, number>();
  let now = 0;
  let lastStartAt: number | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    for (const [id, end] of ends) if (end <= now && status.get(id) === "running") status.set(id, "merged");
    if ([...status.values()].every((s) => s === "merged")) return Math.max(...ends.values());
    const decision = decideStarts({
      packages: plan.map((p) => ({ id: p.id, status: status.get(p.id)!, dependencies: p.dependencies })),
      concurrency,
      staggerMs,
      lastStartAt,
      now,
      priority,
    });
    for (const id of decision.startNow) {
      status.set(id, "running");
      ends.set(id, now + plan.find((p) => p.id === id)!.duration * 1000);
      lastStartAt = now;
    }
    const nextEnd = Math.min(...[...ends.entries()].filter(([id]) => status.get(id) === "running").map(([, e]) => e));
    const candidates = [nextEnd, decision.nextStartAt ?? Infinity].filter((t) => t > now);
    now = Math.min(...candidates);
  }
  throw new Error("simulation did not finish");
}

/** The team-agents workflow: waves of at most 3, each starting when the previous one ended. */
export function waveBarrierMakespan(plan: SimPackage[], staggerMs: number): number {
  let now = 0;
  for (const wave of computeWaves(plan, 3).waves) {
    const ends = wave.map((id, i) => now + i * staggerMs + plan.find((p) => p.id === id)!.duration * 1000);
    now = Math.max(...ends);
  }
  return now;
}

export function lowerBound(plan: SimPackage[], concurrency: number): number {
  const longest = new Map<string, number>();
  const visit = (p: SimPackage): number => {
    if (!longest.has(p.id))
      longest.set(
        p.id,
        p.duration * 1000 + Math.max(0, ...p.dependencies.map((d) => visit(plan.find((x) => x.id === d)!))),
      );
    return longest.get(p.id)!;
  };
  const critical = Math.max(...plan.map(visit));
  const work = plan.reduce((sum, p) => sum + p.duration * 1000, 0) / concurrency;
  return Math.max(critical, work);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

export function measureScheduling(graphs: number) {
  const rand = random(20261121);
  const modes: Mode[] = ["independent", "some", "sequential"];
  const ours: number[] = [];
  const unsized: number[] = [];
  const barrier: number[] = [];
  const independentVsBarrier: number[] = [];
  for (let i = 0; i < graphs; i++) {
    const mode = modes[i % 3];
    const plan = randomPlan(rand, mode);
    const bound = lowerBound(plan, 3);
    const engine = engineMakespan(plan, 3, 12_000);
    const wave = waveBarrierMakespan(plan, 12_000);
    ours.push(engine / bound);
    unsized.push(engineMakespan(plan, 3, 12_000, false) / bound);
    barrier.push(wave / bound);
    if (mode === "independent") independentVsBarrier.push(engine / wave);
  }
  return {
    medianVsBound: quantile(ours, 0.5),
    p90VsBound: quantile(ours, 0.9),
    medianUnsizedVsBound: quantile(unsized, 0.5),
    barrierMedianVsBound: quantile(barrier, 0.5),
    barrierP90VsBound: quantile(barrier, 0.9),
    independentMedianVsBarrier: quantile(independentVsBarrier, 0.5),
  };
}
