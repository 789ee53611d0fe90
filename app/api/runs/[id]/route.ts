import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { deleteRun } from "@/lib/server/engine/commands/delete-run";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { db } from "@/lib/server/db/client";
import { mutation, query } from "@/lib/server/http/json-route";
import { readDelivery } from "@/lib/server/delivery/delivery-view";

/** GET /api/runs/:id: the run with every package's status, attempts and files, and its delivery. */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json({ ...(await buildRunReport(db(), id)), delivery: await readDelivery(db(), id) });
});

/** DELETE /api/runs/:id: the run's worktrees, branches, files and rows (409 while it runs, 404 once gone). */
export const DELETE = mutation(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json({ runId: id, deleted: true, ...(await deleteRun(engineHost().ctx, id)) });
});
