import Link from "next/link";
import type { ProjectSummary } from "@/lib/server/projects/list-projects";
import { RemoveProjectButton } from "./remove-project-button";
import { RunList } from "./run-list";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function ProjectList({ projects, now }: { projects: ProjectSummary[]; now: Date }) {
  if (projects.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
        <p className="font-medium">No projects yet</p>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          Register a git repository to plan and run a crew of agents on it, or try the demo: a sample repository and the
          offline demo agent.
        </p>
      </div>
    );
  }
  return (
    <ul
      aria-label="Projects"
      className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {projects.map((project) => (
        <li key={project.id} className="p-4" data-testid="project-row">
          <div className="flex items-start justify-between gap-4">
            <div className="min-w-0 flex-1">
              <p className="font-medium">{project.name}</p>
              <p
                className="mt-0.5 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400"
                title={project.repoPath}
              >
                {project.repoPath}
              </p>
              <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
                <div className="flex gap-1">
                  <dt>Base</dt>
                  <dd className="font-mono text-zinc-800 dark:text-zinc-200">{project.baseBranch}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>Agent</dt>
                  <dd className="text-zinc-800 dark:text-zinc-200">{project.agent}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>Runs</dt>
                  <dd className="text-zinc-800 dark:text-zinc-200">{project._count.runs}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>Added</dt>
                  <dd className="text-zinc-800 dark:text-zinc-200">{dateFormat.format(project.createdAt)} UTC</dd>
                </div>
              </dl>
            </div>
            <div className="flex shrink-0 flex-col items-end gap-2">
              <Link
                href={`/projects/${project.id}/runs/new`}
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
                aria-label={`New run on ${project.name}`}
              >
                New run
              </Link>
              <Link
                href={`/projects/${project.id}/settings`}
                className="text-sm text-indigo-700 hover:underline dark:text-indigo-400"
                aria-label={`Settings of ${project.name}`}
              >
                Settings
              </Link>
              <RemoveProjectButton projectId={project.id} name={project.name} />
            </div>
          </div>
          <RunList runs={project.runs} total={project._count.runs} now={now} />
        </li>
      ))}
    </ul>
  );
}
