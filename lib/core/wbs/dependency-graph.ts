// The dependency graph of a WBS: which package waits for which, and where it loops.
// `dependencies` of a package lists the ids it depends on (edges point from dependent to dependency).
import { compareWpIds } from "./package-id";

export interface GraphNode {
  id: string;
  dependencies: readonly string[];
}

/** Adjacency restricted to known ids, deduplicated, in natural id order. */
function adjacency(nodes: readonly GraphNode[]): Map<string, string[]> {
  const known = new Set(nodes.map((n) => n.id));
  const map = new Map<string, string[]>();
  for (const node of nodes) {
    const deps = [...new Set(node.dependencies)].filter((d) => known.has(d) && d !== node.id);
    map.set(node.id, deps.sort(compareWpIds));
  }
  return map;
}

/** Strongly connected components with more than one member (Tarjan), each sorted by id. */
function loopingComponents(adj: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort(compareWpIds));
    }
  };

  for (const id of [...adj.keys()].sort(compareWpIds)) if (!indexOf.has(id)) visit(id);
  return components.sort((a, b) => compareWpIds(a[0], b[0]));
}

/** Shortest dependency path from `from` to `to` (both included), or null. */
export function findPath(nodes: readonly GraphNode[], from: string, to: string): string[] | null {
  const adj = adjacency(nodes);
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of adj.get(current) ?? []) {
      if (next === to) {
        const path = [to, current];
        let step = current;
        while (step !== from) {
          step = previous.get(step)!;
          path.push(step);
        }
        return path.reverse();
      }
      if (!seen.has(next)) {
        seen.add(next);
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * Every dependency loop, one per tangle of packages, each as a closed path starting at its
 * smallest id, e.g. ["WP-2", "WP-3", "WP-2"]. Self-dependencies are not included.
 */
export function findCycles(nodes: readonly GraphNode[]): string[][] {
  const adj = adjacency(nodes);
  const cycles: string[][] = [];
  for (const component of loopingComponents(adj)) {
    const members = new Set(component);
    const inside = [...adj.entries()]
      .filter(([id]) => members.has(id))
      .map(([id, deps]) => ({ id, dependencies: deps.filter((d) => members.has(d)) }));
    const start = component[0];
    for (const next of adj.get(start)!.filter((d) => members.has(d))) {
      const back = findPath(inside, next, start);
      if (back) {
        cycles.push([start, ...back]);
        break;
      }
    }
  }
  return cycles;
}

/** Formats a closed path for messages: "WP-2 → WP-3 → WP-2". */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(" → ");
}

/**
 * If making `dependent` depend on `dependency` would close a loop, the loop it would create
 * (e.g. ["WP-1", "WP-3", "WP-1"]); otherwise null. Used to refuse an edge before it is added.
 */
export function cycleIfDependencyAdded(
  nodes: readonly GraphNode[],
  dependent: string,
  dependency: string,
): string[] | null {
  if (dependent === dependency) return [dependent, dependent];
  const back = findPath(nodes, dependency, dependent);
  return back ? [dependent, ...back] : null;
}
