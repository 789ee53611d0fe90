// Forgets a project (and its runs) in Flotilla's database; the repository on disk is untouched.
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";

const ACTIVE_RUN_STATUSES = ["running"];

export async function removeProject(db: Database, projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new UserError("That project no longer exists: reload the page", "not_found");
  const active = await db.run.count({ where: { projectId, status: { in: ACTIVE_RUN_STATUSES } } });
  if (active > 0) {
    throw new UserError(
      `${project.name} has ${active} run(s) in progress: cancel them before removing the project`,
      "conflict",
    );
  }
  await db.project.delete({ where: { id: projectId } });
  await appendEvent(db, { type: "project.removed", projectId, payload: { repoPath: project.repoPath } });
  return project;
}
