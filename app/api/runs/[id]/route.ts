import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";

/** GET /api/runs/:id: the run with every package's status, attempts and files. */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(await buildRunReport(db(), id));
});
