import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { runDiff } from "@/lib/server/runs/run-diff";

/** GET /api/runs/:id/diff: the merged feature branch against the base, with the merges in order. */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(await runDiff(db(), id));
});
