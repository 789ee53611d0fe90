import { z } from "zod";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { rejectPackage } from "@/lib/server/engine/commands/human-review";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

/** POST /api/runs/:id/work-packages/:wp/reject { comment }: back to the agent with the comment. */
export const POST = mutation(async (request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  const { comment } = parseInput(
    z.strictObject({ comment: z.string({ error: "Say what to change (comment)" }).max(20_000) }),
    await readJsonBody(request),
  );
  const host = engineHost();
  await rejectPackage(host.ctx, id, wp, comment);
  host.kick(id);
  return Response.json({ runId: id, wpId: wp, rejected: true });
});
