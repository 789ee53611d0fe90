// The home page's read: every project with a count of its runs, newest first.
import type { Database } from "@/lib/server/db/client";

export async function listProjects(db: Database) {
  return db.project.findMany({
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { runs: true } } },
  });
}

export type ProjectSummary = Awaited<ReturnType<typeof listProjects>>[number];
