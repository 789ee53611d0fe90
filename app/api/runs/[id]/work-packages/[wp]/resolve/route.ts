import { z } from "zod";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { RESOLVE_ACTIONS, resolveConflict } from "@/lib/server/engine/commands/resolve-conflict";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

const resolveInput = z.strictObject({
  action: z.enum(RESOLVE_ACTIONS, {
    error:
      'action must be "agent" (one more agent round), "fresh" (retry it from scratch) or "done" (you resolved it in its worktree)',
  }),
});

/**
 * POST /api/runs/:id/work-packages/:wp/resolve { "action": "agent" | "fresh" | "done" }: a person's
 * answer to a package that is conflicted after the agent's rounds.
 */
export const POST = mutation(async (request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  const { action } = parseInput(resolveInput, await readJsonBody(request));
  const host = engineHost();
  const { status } = await resolveConflict(host.ctx, id, wp, action);
  host.kick(id);
  return Response.json({ runId: id, wpId: wp, action, status }, { status: 202 });
});
