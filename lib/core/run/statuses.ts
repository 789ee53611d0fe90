// Status rules for runs and work packages, as small predicates in one place.

export const PACKAGE_STATUSES = [
  "pending", "blocked", "running", "reviewing", "fixing", "succeeded", "merging", "merged",
  "failed", "timed_out", "conflicted", "test_failed", "cancelled", "lost",
  "deferred", "awaiting_approval",
] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

export const RUN_STATUSES = ["draft", "planned", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const STOPPED_WITHOUT_MERGE: ReadonlySet<string> = new Set(["failed", "timed_out", "conflicted", "test_failed", "cancelled", "lost"]);

/** Ended without merging; a person can retry it. */
export const isRetryable = (status: string): boolean => STOPPED_WITHOUT_MERGE.has(status);

/** Holds an agent slot (counts against concurrency). */
export const holdsSlot = (status: string): boolean => status === "running" || status === "reviewing" || status === "fixing";

/** Finished its agent work and waits for the merge train. */
export const awaitsMerge = (status: string): boolean => status === "succeeded";

/** Its dependents may start. */
export const isMerged = (status: string): boolean => status === "merged";

/** Blocks its dependents until someone retries it. */
export const blocksDependents = (status: string): boolean => STOPPED_WITHOUT_MERGE.has(status) || status === "blocked" || status === "deferred";

/** Still moving on its own: the run is not settled while any package is in one of these. */
export const isInFlight = (status: string): boolean =>
  status === "pending" || holdsSlot(status) || status === "succeeded" || status === "merging" || status === "awaiting_approval";

/** A run that is over (until a retry reopens a failed or cancelled one). */
export const isRunSettled = (status: string): boolean => status === "completed" || status === "failed" || status === "cancelled";

/** Words for a status, as the CLI and report show it. */
export function describePackageStatus(status: string): string {
  return status.replace(/_/g, " ");
}
