import { db } from "@/lib/server/db/client";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { errorResponse } from "@/lib/server/http/json-route";
import { runChangeStream } from "@/lib/server/runs/run-change-stream";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/events: Server-Sent Events saying what changed. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const run = await db().run.findUnique({ where: { id }, select: { id: true } });
  if (!run)
    return errorResponse(new (await import("@/lib/server/errors")).UserError("There is no such run", "not_found"));
  return new Response(runChangeStream(db(), id, request.signal, engineHost().signals), {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
