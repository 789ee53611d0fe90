// The home page's read: every project with its run count and most recent runs, newest first.
import { asPackageStatus, asRunStatus } from "@/lib/core/run/statuses";
import type { Database } from "@/lib/server/db/client";

export async function listProjects(db: Database) {
  const projects = await db.project.findMany({
    orderBy: { createdAt: "desc" },
    include: {
      _count: { select: { runs: true } },
      runs: {
        orderBy: { createdAt: "desc" },
        take: 5,
        select: {
          id: true,
          slug: true,
          task: true,
          status: true,
          startedAt: true,
          finishedAt: true,
          createdAt: true,
          workPackages: { select: { status: true } },
        },
      },
    },
  });
  return projects.map((project) => ({
    ...project,
    runs: project.runs.map((run) => ({
      ...run,
      status: asRunStatus(run.status),
      workPackages: run.workPackages.map((p) => ({ status: asPackageStatus(p.status) })),
    })),
  }));
}

export type ProjectSummary = Awaited<ReturnType<typeof listProjects>>[number];
export type RunSummary = ProjectSummary["runs"][number];
