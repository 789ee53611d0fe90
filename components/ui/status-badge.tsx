// A run's or package's status as a coloured label. Colour is never the only signal: the word is
// always there. Every status has its tone: a new one is a compile error here until it gets one.
import { describePackageStatus, type PackageStatus, type RunStatus } from "@/lib/core/run/statuses";

export type BadgeStatus = PackageStatus | RunStatus | "setting_up";

const DONE = "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300";
const ACTIVE = "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300";
const REVIEW = "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300";
const WAITING = "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300";
const HELD = "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300";
const FAILURE = "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300";

const TONES: Record<BadgeStatus, string> = {
  completed: DONE,
  merged: DONE,
  succeeded: "bg-teal-100 text-teal-800 dark:bg-teal-950 dark:text-teal-300",
  running: ACTIVE,
  setting_up: ACTIVE,
  merging: ACTIVE,
  reviewing: REVIEW,
  fixing: REVIEW,
  resolving: REVIEW,
  awaiting_approval: "bg-sky-100 text-sky-900 ring-1 ring-sky-400 dark:bg-sky-950 dark:text-sky-200",
  deferred: HELD,
  blocked: HELD,
  pending: WAITING,
  planned: WAITING,
  draft: WAITING,
  cancelled: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-400",
  failed: FAILURE,
  timed_out: FAILURE,
  conflicted: FAILURE,
  test_failed: FAILURE,
  lost: FAILURE,
};

export function StatusBadge({ status }: { status: BadgeStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>
      {status === "setting_up" ? "setting up" : describePackageStatus(status)}
    </span>
  );
}
