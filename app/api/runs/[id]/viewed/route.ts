import { scopeOf } from "@/lib/core/review/viewed-files";
import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { readViewedFiles } from "@/lib/server/runs/viewed-files";

/** GET /api/runs/:id/viewed?wp=WP-1: the files marked viewed in that diff (no wp: the feature branch). */
export const GET = query(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const wp = new URL(request.url).searchParams.get("wp");
  return Response.json({ marks: await readViewedFiles(db(), id, scopeOf(wp)) });
});
