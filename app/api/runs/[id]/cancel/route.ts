import { requestRunCancel } from "@/lib/server/engine/commands/cancel";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { mutation } from "@/lib/server/http/json-route";

/** POST /api/runs/:id/cancel: stop every agent of the run. */
export const POST = mutation(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const host = engineHost();
  await requestRunCancel(host.ctx, id);
  host.kick(id);
  return Response.json({ runId: id, cancelRequested: true }, { status: 202 });
});
