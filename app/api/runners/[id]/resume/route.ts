import { db } from "@/lib/server/db/client";
import { mutation } from "@/lib/server/http/json-route";
import { setRunnerDraining } from "@/lib/server/runners/runners";

/** POST /api/runners/:id/resume: a drained runner takes work again. */
export const POST = mutation(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  // The runs' drive loops tick every half second: the next tick starts what waited.
  return Response.json({ runner: await setRunnerDraining(db(), id, false) });
});
