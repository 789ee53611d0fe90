// A run's or package's status as a coloured label. Colour is never the only signal: the word is
// always there.
const TONES: Record<string, string> = {
  completed: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  merged: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  succeeded: "bg-teal-100 text-teal-800 dark:bg-teal-950 dark:text-teal-300",
  running: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  setting_up: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  reviewing: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  fixing: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  awaiting_approval: "bg-sky-100 text-sky-900 ring-1 ring-sky-400 dark:bg-sky-950 dark:text-sky-200",
  deferred: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  merging: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  pending: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  planned: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  draft: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  blocked: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  cancelled: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-400",
};
const FAILURE = "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300";

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status] ?? FAILURE}`}>
      {status.replace(/_/g, " ")}
    </span>
  );
}
