import { engineHost } from "@/lib/server/engine/engine-host";
import { retryPackage } from "@/lib/server/engine/retry-package";
import { mutation } from "@/lib/server/http/json-route";

/** POST /api/runs/:id/work-packages/:wp/retry: a new attempt for a package that did not merge. */
export const POST = mutation(async (_request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  const host = engineHost();
  await retryPackage(host.ctx, id, wp);
  host.kick(id);
  return Response.json({ runId: id, wpId: wp, status: "pending" }, { status: 202 });
});
