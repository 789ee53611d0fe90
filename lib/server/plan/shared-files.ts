// The shared-file forecast for a plan on a real repository: its tracked files, the plan's
// packages and the pairs the person chose to keep parallel (lib/core/wbs/shared-file-forecast.ts).
import { forecastCandidates, forecastSharedFiles, keptPairs } from "@/lib/core/wbs/shared-file-forecast";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { trackedFiles } from "@/lib/node/git/git-ops";

/** The files the page needs to forecast as the plan is edited (registries and manifests only). */
export async function forecastFiles(repo: string): Promise<string[]> {
  return forecastCandidates(await trackedFiles(repo));
}

export async function sharedFileWarnings(repo: string, wbs: WorkBreakdown) {
  return forecastSharedFiles(wbs.work_packages, await forecastFiles(repo), keptPairs(wbs));
}
