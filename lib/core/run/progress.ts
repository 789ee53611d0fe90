// What the run should do next with packages that did not merge, and whether the run is over.
import { compareWpIds } from "../wbs/package-id";
import type { SchedulablePackage } from "./schedule";
import { awaitsMerge, blocksDependents, isInFlight, isMerged } from "./statuses";

/**
 * Status changes that keep "blocked" true to the graph: a pending package behind one that
 * stopped (or is itself blocked) becomes blocked; a blocked one whose way is clear again becomes
 * pending. Returns only the changes, as [id, newStatus].
 */
export function reconcileBlocked(packages: readonly SchedulablePackage[]): Array<[string, "blocked" | "pending"]> {
  const status = new Map(packages.map((p) => [p.id, p.status]));
  const byId = new Map(packages.map((p) => [p.id, p]));
  const changes = new Map<string, "blocked" | "pending">();
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of packages) {
      const current = status.get(p.id)!;
      if (current !== "pending" && current !== "blocked") continue;
      const stuck = p.dependencies.some((d) => byId.has(d) && blocksDependents(status.get(d)!));
      const next = stuck ? "blocked" : "pending";
      if (next !== current) {
        status.set(p.id, next);
        changes.set(p.id, next);
        changed = true;
      }
    }
  }
  return [...changes.entries()].sort(([a], [b]) => compareWpIds(a, b));
}

/** The next package for the merge train: lowest id among those that finished. */
export function nextToMerge(packages: readonly SchedulablePackage[]): string | null {
  return (
    packages
      .filter((p) => awaitsMerge(p.status))
      .map((p) => p.id)
      .sort(compareWpIds)[0] ?? null
  );
}

/**
 * The run's status from its packages: completed when all merged; running while anything can
 * still move; otherwise failed (what is left needs a person). Cancellation is decided elsewhere.
 */
export function runOutcome(packages: readonly SchedulablePackage[]): "running" | "completed" | "failed" {
  if (packages.every((p) => isMerged(p.status))) return "completed";
  if (packages.some((p) => isInFlight(p.status))) return "running";
  return "failed";
}
