import Link from "next/link";
import { formatDuration } from "@/lib/core/run/format-duration";
import { relativeTime, splitSlug } from "@/lib/core/run/run-labels";
import type { RunSummary } from "@/lib/server/projects/list-projects";
import { StatusBadge } from "@/components/ui/status-badge";
import { DeleteRunButton } from "./delete-run-button";

const timeFormat = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** When the run started (or was created, before launch), absolute and relative. */
function When({ run, now }: { run: RunSummary; now: Date }) {
  const at = run.startedAt ?? run.createdAt;
  return (
    <span>
      {run.startedAt ? "started " : "created "}
      <time dateTime={at.toISOString()} title={`${at.toISOString()} (UTC)`} className="tabular-nums">
        {timeFormat.format(at)} UTC
      </time>{" "}
      · {relativeTime(at, now)}
    </span>
  );
}

/** The slug as a link; a long one is cut in the middle of its head so its end (the "-3") shows. */
function SlugLink({ run }: { run: RunSummary }) {
  const { head, tail } = splitSlug(run.slug);
  return (
    <Link
      href={`/runs/${run.id}`}
      title={run.slug}
      aria-label={run.slug}
      className="flex min-w-0 max-w-full font-mono text-indigo-700 hover:underline dark:text-indigo-400"
    >
      <span className="truncate">{head}</span>
      {tail && <span className="shrink-0">{tail}</span>}
    </Link>
  );
}

/** A project's most recent runs, each told apart by task, slug, start, status and progress. */
export function RunList({ runs, total, now }: { runs: RunSummary[]; total: number; now: Date }) {
  if (runs.length === 0) return <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">No runs yet.</p>;
  return (
    <div className="mt-3">
      <ul aria-label="Recent runs" className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {runs.map((run) => {
          const merged = run.workPackages.filter((p) => p.status === "merged").length;
          const end = run.finishedAt ?? (run.status === "running" ? now : null);
          return (
            <li key={run.id} data-testid="run-row" className="flex items-start gap-2 py-2">
              <div className="min-w-0 flex-1">
                <div className="flex items-start gap-2">
                  <span className="shrink-0">
                    <StatusBadge status={run.status} />
                  </span>
                  <p className="line-clamp-2 min-w-0 text-sm [overflow-wrap:anywhere]" title={run.task}>
                    {run.task}
                  </p>
                </div>
                <div className="mt-1 flex flex-wrap items-baseline gap-x-3 gap-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
                  <SlugLink run={run} />
                  <span className="tabular-nums">
                    {merged} of {run.workPackages.length} merged
                  </span>
                  <When run={run} now={now} />
                  {run.startedAt && end && (
                    <span className="tabular-nums">
                      {run.status === "running" ? "running for " : "took "}
                      {formatDuration(end.getTime() - run.startedAt.getTime())}
                    </span>
                  )}
                </div>
              </div>
              <DeleteRunButton runId={run.id} slug={run.slug} />
            </li>
          );
        })}
      </ul>
      {total > runs.length && (
        <p className="pt-1 text-xs text-zinc-500 dark:text-zinc-400">and {total - runs.length} earlier run(s)</p>
      )}
    </div>
  );
}
