// Status rules for runs and work packages, as small predicates in one place.

export const PACKAGE_STATUSES = [
  "pending",
  "blocked",
  "running",
  "reviewing",
  "fixing",
  "succeeded",
  "merging",
  "merged",
  "failed",
  "timed_out",
  "conflicted",
  "test_failed",
  "cancelled",
  "lost",
  "deferred",
  "awaiting_approval",
  "resolving",
] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

export const RUN_STATUSES = ["draft", "planned", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Ended without merging; a person can retry them. */
export const RETRYABLE_STATUSES = [
  "failed",
  "timed_out",
  "conflicted",
  "test_failed",
  "cancelled",
  "lost",
] as const satisfies readonly PackageStatus[];
const STOPPED_WITHOUT_MERGE: ReadonlySet<PackageStatus> = new Set(RETRYABLE_STATUSES);

/** A stored status as the type, or an error naming it (a value no version of Flotilla wrote). */
export function asPackageStatus(value: string): PackageStatus {
  if ((PACKAGE_STATUSES as readonly string[]).includes(value)) return value as PackageStatus;
  throw new Error(`Unknown package status "${value}" in the database`);
}
export function asRunStatus(value: string): RunStatus {
  if ((RUN_STATUSES as readonly string[]).includes(value)) return value as RunStatus;
  throw new Error(`Unknown run status "${value}" in the database`);
}

/** Ended without merging; a person can retry it. */
export const isRetryable = (status: PackageStatus): boolean => STOPPED_WITHOUT_MERGE.has(status);

/** Waits for a person: it stopped without merging, or it awaits their approval. */
export const needsAttention = (status: PackageStatus): boolean =>
  STOPPED_WITHOUT_MERGE.has(status) || status === "awaiting_approval";

/** Holds an agent slot (counts against concurrency): an implementation, a reviewer, a fix or a conflict resolution. */
export const holdsSlot = (status: PackageStatus): boolean =>
  status === "running" || status === "reviewing" || status === "fixing" || status === "resolving";

/** Finished its agent work and waits for the merge train. */
export const awaitsMerge = (status: PackageStatus): boolean => status === "succeeded";

/** A person may cancel it: waiting, or holding a slot (its worker is stopped). */
export const isCancellable = (status: PackageStatus): boolean =>
  status === "pending" || status === "blocked" || holdsSlot(status);

/** Its dependents may start. */
export const isMerged = (status: PackageStatus): boolean => status === "merged";

/** Blocks its dependents until someone retries it. */
export const blocksDependents = (status: PackageStatus): boolean =>
  STOPPED_WITHOUT_MERGE.has(status) || status === "blocked" || status === "deferred";

/** Still moving on its own: the run is not settled while any package is in one of these. */
export const isInFlight = (status: PackageStatus): boolean =>
  status === "pending" ||
  holdsSlot(status) ||
  status === "succeeded" ||
  status === "merging" ||
  status === "awaiting_approval";

/** Words for a status, as the CLI and report show it. */
export function describePackageStatus(status: PackageStatus | RunStatus): string {
  return status.replace(/_/g, " ");
}
