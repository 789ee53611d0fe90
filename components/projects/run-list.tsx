import Link from "next/link";
import { formatDuration } from "@/lib/core/run/format-duration";
import type { RunSummary } from "@/lib/server/projects/list-projects";
import { StatusBadge } from "@/components/ui/status-badge";

const started = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** A project's most recent runs: status, progress, start and duration. */
export function RunList({ runs, total, now }: { runs: RunSummary[]; total: number; now: Date }) {
  if (runs.length === 0) return <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">No runs yet.</p>;
  return (
    <table className="mt-3 w-full text-left text-xs" aria-label="Recent runs">
      <thead className="whitespace-nowrap text-zinc-500 dark:text-zinc-400">
        <tr>
          <th scope="col" className="pb-1 pr-3 font-medium">
            Run
          </th>
          <th scope="col" className="pb-1 pr-3 font-medium">
            Status
          </th>
          <th scope="col" className="pb-1 pr-3 font-medium">
            Progress
          </th>
          <th scope="col" className="pb-1 pr-3 font-medium">
            Started (UTC)
          </th>
          <th scope="col" className="pb-1 font-medium">
            Duration
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {runs.map((run) => {
          const merged = run.workPackages.filter((p) => p.status === "merged").length;
          const end = run.finishedAt ?? (run.status === "running" ? now : null);
          return (
            <tr key={run.id} data-testid="run-row">
              <td className="w-full max-w-0 truncate py-1.5 pr-3" title={run.task}>
                <Link
                  href={`/runs/${run.id}`}
                  className="font-mono text-indigo-700 hover:underline dark:text-indigo-400"
                >
                  {run.slug}
                </Link>
              </td>
              <td className="whitespace-nowrap py-1.5 pr-3">
                <StatusBadge status={run.status} />
              </td>
              <td className="whitespace-nowrap py-1.5 pr-3 tabular-nums">
                {merged} of {run.workPackages.length} merged
              </td>
              <td className="whitespace-nowrap py-1.5 pr-3 tabular-nums">
                {run.startedAt ? started.format(run.startedAt) : "not started"}
              </td>
              <td className="whitespace-nowrap py-1.5 tabular-nums">
                {run.startedAt && end ? formatDuration(end.getTime() - run.startedAt.getTime()) : "–"}
              </td>
            </tr>
          );
        })}
      </tbody>
      {total > runs.length && (
        <tfoot>
          <tr>
            <td colSpan={5} className="pt-1 text-zinc-500 dark:text-zinc-400">
              and {total - runs.length} earlier run(s)
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
