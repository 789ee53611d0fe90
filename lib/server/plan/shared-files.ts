// The shared-file forecast for a plan on a real repository: its registry-like files and manifests,
// what its recent history changes together, the plan's packages and the pairs the person chose to
// keep parallel (lib/core/wbs/shared-file-forecast.ts).
import { coChangeIndex, type CoChangeIndex } from "@/lib/core/wbs/co-change";
import { forecastCandidates, forecastSharedFiles, keptPairs } from "@/lib/core/wbs/shared-file-forecast";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { recentChangedFiles, trackedFiles } from "@/lib/node/git/git-ops";

/** The commits of history the forecast reads: bounded, so a huge repository answers quickly. */
const HISTORY_COMMITS = 2000;

export interface ForecastInputs {
  /** Registry-like files and top-level manifests (a short list, sent to the plan page). */
  files: string[];
  coChange: CoChangeIndex;
}

/** `tracked`: the repository's tracked files when the caller already listed them. */
export async function forecastInputs(repo: string, baseRef: string, tracked?: string[]): Promise<ForecastInputs> {
  const [files, history] = await Promise.all([
    (tracked ? Promise.resolve(tracked) : trackedFiles(repo)).then(forecastCandidates),
    recentChangedFiles(repo, baseRef, HISTORY_COMMITS).catch(() => []),
  ]);
  return { files, coChange: coChangeIndex(history) };
}

export async function sharedFileWarnings(repo: string, baseRef: string, wbs: WorkBreakdown, tracked?: string[]) {
  const { files, coChange } = await forecastInputs(repo, baseRef, tracked);
  return forecastSharedFiles(wbs.work_packages, files, keptPairs(wbs), coChange);
}
