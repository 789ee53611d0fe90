// Predicted conflicts while a run goes on: the branches of packages whose work is done, checked
// with `git merge-tree` against the feature branch's tip and against each other, before the merge
// train reaches them. Results are kept per set of commits, so a page refresh costs no git call
// until a branch or the feature branch moves.
import {
  conflictsByPackage,
  forecastPairs,
  hasPendingWork,
  type PredictedConflict,
} from "@/lib/core/run/conflict-forecast";
import { branchTips, predictConflicts } from "@/lib/node/git/git-ops";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const cache = new Map<string, Map<string, PredictedConflict[]>>();
const CACHE_LIMIT = 200;

export async function forecastRunConflicts(snapshot: RunSnapshot): Promise<Map<string, PredictedConflict[]>> {
  const { run } = snapshot;
  const repo = run.project.repoPath;
  if (!run.featureBranch || run.status !== "running") return new Map();
  // One git call for every branch of the run (a live page asks often; branches move rarely).
  const all = await branchTips(repo, `${run.featureBranch}`).catch(() => new Map<string, string>());
  const feature = all.get(run.featureBranch);
  if (!feature) return new Map();
  const tips = new Map<string, string>();
  for (const p of snapshot.packages) {
    if (!p.branch || !hasPendingWork(p.status)) continue;
    const commit = all.get(p.branch);
    if (commit && commit !== feature) tips.set(p.wpId, commit);
  }
  const key = `${repo}\0${feature}\0${[...tips].map(([id, c]) => `${id}=${c}`).join(",")}`;
  const known = cache.get(key);
  if (known) return known;
  const results = [];
  for (const pair of forecastPairs([...tips.keys()])) {
    const [a, b] = pair;
    const files = await predictConflicts(repo, b ? tips.get(b)! : feature, tips.get(a)!).catch(() => []);
    results.push({ pair, files });
  }
  const forecast = conflictsByPackage(results);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, forecast);
  return forecast;
}
