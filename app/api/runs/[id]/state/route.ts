import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { getRunState } from "@/lib/server/runs/get-run-state";

/** GET /api/runs/:id/state: what the run pages show. */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(await getRunState(db(), id), { headers: { "cache-control": "no-store" } });
});
