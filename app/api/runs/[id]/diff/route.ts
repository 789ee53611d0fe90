import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { diffOptionsOf, runDiff } from "@/lib/server/runs/run-diff";

/** GET /api/runs/:id/diff[?whitespace=hide]: the merged feature branch against the base, with the merges in order. */
export const GET = query(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(await runDiff(db(), id, diffOptionsOf(request)));
});
