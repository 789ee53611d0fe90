import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { conflictView } from "@/lib/server/runs/conflict-view";

/** GET /api/runs/:id/work-packages/:wp/conflict: the open conflict, three ways (base, feature branch, package) and as it is in the worktree. */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  return Response.json(await conflictView(db(), id, wp));
});
