import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { diffOptionsOf, packageDiff } from "@/lib/server/runs/run-diff";

/** GET /api/runs/:id/work-packages/:wp/diff[?whitespace=hide]: one package's changes. */
export const GET = query(async (request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  return Response.json(await packageDiff(db(), id, wp, diffOptionsOf(request)));
});
