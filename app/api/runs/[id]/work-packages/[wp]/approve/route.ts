import { z } from "zod";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { approvePackage } from "@/lib/server/engine/commands/human-review";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

/** POST /api/runs/:id/work-packages/:wp/approve { comment? }: a person approves the package. */
export const POST = mutation(async (request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  const { comment } = parseInput(
    z.strictObject({ comment: z.string().max(20_000).optional() }),
    await readJsonBody(request),
  );
  const host = engineHost();
  await approvePackage(host.ctx, id, wp, comment);
  host.kick(id);
  return Response.json({ runId: id, wpId: wp, approved: true });
});
