// The run and package state machines as data: every move the engine may make. The engine's one
// status writer checks each move against these tables; docs/architecture.md draws them.
import type { PackageStatus, RunStatus } from "./statuses";

const RETRY: PackageStatus[] = ["pending"];

export const PACKAGE_TRANSITIONS: Record<PackageStatus, readonly PackageStatus[]> = {
  // failed: its attempts already reached the cap per package (a retry that did not raise it).
  pending: ["running", "blocked", "cancelled", "failed"],
  blocked: ["pending", "cancelled"],
  // pending again: its worker vanished or its start was interrupted (a fresh attempt follows).
  running: ["succeeded", "failed", "timed_out", "cancelled", "lost", "pending"],
  // A reviewer or fix attempt (re)starts in place; a lost one starts again in place.
  reviewing: [
    "reviewing",
    "fixing",
    "succeeded",
    "awaiting_approval",
    "deferred",
    "failed",
    "timed_out",
    "cancelled",
    "lost",
  ],
  fixing: ["fixing", "reviewing", "succeeded", "awaiting_approval", "failed", "timed_out", "cancelled", "lost"],
  // Its work is done: the review gates next, or the merge train.
  succeeded: ["reviewing", "awaiting_approval", "merging"],
  // merging again: a merge interrupted by a crash is taken up where it was. A conflict git cannot
  // settle goes to an agent round (resolving), or to a person (conflicted) once the rounds are used.
  merging: ["merging", "merged", "conflicted", "test_failed", "resolving"],
  // Resolving a merge conflict: another round, the resolution done (its quality review, or the
  // merge train), a person's turn after the last round, or stopped like any attempt.
  resolving: ["resolving", "succeeded", "reviewing", "awaiting_approval", "conflicted", "cancelled", "lost", "failed"],
  awaiting_approval: ["succeeded", "fixing", "failed", "cancelled"],
  deferred: ["pending"],
  // reviewing / fixing: a raised cap per package continues the review step it stopped before.
  failed: [...RETRY, "reviewing", "fixing"],
  timed_out: RETRY,
  // A person's three ways on: one more agent round, retry fresh (pending), or "I resolved it".
  conflicted: ["pending", "resolving", "succeeded"],
  test_failed: RETRY,
  cancelled: RETRY,
  lost: RETRY,
  merged: [],
};

export const RUN_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  draft: ["planned", "cancelled"],
  planned: ["running", "cancelled"],
  running: ["completed", "failed", "cancelled"],
  // A retry, or a resume that restarts lost packages.
  failed: ["running"],
  // Resume (a budget stop: once the budget is raised).
  cancelled: ["running"],
  completed: [],
};

export const canMovePackage = (from: PackageStatus, to: PackageStatus): boolean =>
  PACKAGE_TRANSITIONS[from].includes(to);
export const canMoveRun = (from: RunStatus, to: RunStatus): boolean => RUN_TRANSITIONS[from].includes(to);

/** A move the tables do not allow: a bug in the engine, never a user mistake. */
export class IllegalTransitionError extends Error {
  constructor(kind: "package" | "run", id: string, from: string, to: string) {
    super(`Illegal ${kind} transition for ${id}: ${from} → ${to}`);
    this.name = "IllegalTransitionError";
  }
}
