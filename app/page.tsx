import { connection } from "next/server";
import { ProjectList } from "@/components/projects/project-list";
import { RegisterProjectForm } from "@/components/projects/register-project-form";
import { TryDemoButton } from "@/components/projects/try-demo-button";
import { db } from "@/lib/server/db/client";
import { listProjects } from "@/lib/server/projects/list-projects";

export default async function HomePage() {
  await connection(); // always read the database at request time, never at build time
  const projects = await listProjects(db());
  return (
    <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <section aria-labelledby="projects-heading" className="flex min-w-0 flex-col gap-4">
        <div>
          <h1 id="projects-heading" className="text-2xl font-semibold tracking-tight">
            Projects
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Each project is a git repository. Runs branch from its base branch; your own checkout is never touched.
          </p>
        </div>
        <ProjectList projects={projects} now={new Date()} />
      </section>
      <aside className="flex h-fit flex-col gap-4">
        <div className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <RegisterProjectForm />
        </div>
        <div className="rounded-lg border border-indigo-200 bg-indigo-50 p-5 dark:border-indigo-900 dark:bg-indigo-950/40">
          <h2 className="text-base font-semibold">New here?</h2>
          <p className="mb-3 mt-1 text-sm text-zinc-700 dark:text-zinc-300">
            Try the whole flow in a minute: a sample repository, a task split into packages, and the built-in demo
            agent. No agent CLI needed.
          </p>
          <TryDemoButton />
        </div>
      </aside>
    </div>
  );
}
