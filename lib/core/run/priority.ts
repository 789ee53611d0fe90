// Start priority: among ready packages, the one heading the longest remaining chain goes first
// (critical-path / HLFET list scheduling), so long chains do not start late. Ties go by id.
import type { GraphNode } from "../wbs/dependency-graph";

/**
 * For each package, the weight of the heaviest path from it to the end of the graph (itself
 * included). `weight` estimates a package's duration; 1 for every package by default.
 */
export function criticalPathPriority(
  nodes: readonly GraphNode[],
  weight: (id: string) => number = () => 1,
): Map<string, number> {
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const node of nodes) for (const dep of node.dependencies) dependents.get(dep)?.push(node.id);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a loop: validation refuses it; do not recurse forever
    visiting.add(id);
    const tail = Math.max(0, ...(dependents.get(id) ?? []).map(visit));
    visiting.delete(id);
    const value = weight(id) + tail;
    memo.set(id, value);
    return value;
  };
  for (const node of nodes) visit(node.id);
  return memo;
}

/** The engine's start priority for a run's packages: a package's size is its number of files. */
export function startPriority(
  packages: ReadonlyArray<{ id: string; dependencies: readonly string[]; expectedOutputs: readonly string[] }>,
): Map<string, number> {
  const size = new Map(packages.map((p) => [p.id, Math.max(1, p.expectedOutputs.length)]));
  return criticalPathPriority(packages, (id) => size.get(id) ?? 1);
}
