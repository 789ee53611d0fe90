import { db } from "@/lib/server/db/client";
import { mutation } from "@/lib/server/http/json-route";
import { setRunnerDraining } from "@/lib/server/runners/runners";

/** POST /api/runners/:id/drain: the runner finishes its running work and takes no more. */
export const POST = mutation(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json({ runner: await setRunnerDraining(db(), id, true) });
});
