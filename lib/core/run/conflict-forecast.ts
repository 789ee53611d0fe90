// Which packages whose work is done (a branch with commits, not merged yet) are predicted to
// conflict with the feature branch or with each other, and the words for a card. The caller runs
// git (merge-tree) on the pairs this file chooses; deciding and wording stay here.
import { compareWpIds } from "../wbs/package-id";
import type { PackageStatus } from "./statuses";

/** Finished its agent work, so its branch holds what it will merge, and not merged yet. */
export const hasPendingWork = (status: PackageStatus): boolean =>
  status === "succeeded" ||
  status === "reviewing" ||
  status === "fixing" ||
  status === "awaiting_approval" ||
  status === "deferred" ||
  status === "merging";

export interface PredictedConflict {
  /** The other package, or null for the feature branch (what is merged already). */
  with: string | null;
  files: string[];
}

/** The pairs to check: each package against the feature branch, and every two of them. */
export function forecastPairs(ids: readonly string[]): Array<[string, string | null]> {
  const sorted = [...ids].sort(compareWpIds);
  const pairs: Array<[string, string | null]> = sorted.map((id) => [id, null]);
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length; j++) pairs.push([sorted[i], sorted[j]]);
  return pairs;
}

/** Each package's predicted conflicts, both sides of a pair told. */
export function conflictsByPackage(
  results: ReadonlyArray<{ pair: [string, string | null]; files: string[] }>,
): Map<string, PredictedConflict[]> {
  const out = new Map<string, PredictedConflict[]>();
  const add = (id: string, conflict: PredictedConflict) => out.set(id, [...(out.get(id) ?? []), conflict]);
  for (const { pair, files } of results) {
    if (files.length === 0) continue;
    const [a, b] = pair;
    add(a, { with: b, files });
    if (b) add(b, { with: a, files });
  }
  return out;
}

/** "conflicts with WP-3 in src/registry.js", "conflicts with the feature branch in a.ts and b.ts". */
export function describePredictedConflict(conflict: PredictedConflict): string {
  const files =
    conflict.files.length <= 2
      ? conflict.files.join(" and ")
      : `${conflict.files.slice(0, 2).join(", ")} and ${conflict.files.length - 2} more`;
  return `conflicts with ${conflict.with ?? "the feature branch"} in ${files}`;
}
