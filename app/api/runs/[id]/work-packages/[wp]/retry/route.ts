import { z } from "zod";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { retryPackage } from "@/lib/server/engine/commands/retry-package";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

const retryInput = z.strictObject({
  /** Continue the last attempt's agent session (Claude Code) instead of starting fresh. */
  resumeSession: z.boolean().optional(),
});

/**
 * POST /api/runs/:id/work-packages/:wp/retry: a new attempt for a package that did not merge.
 * The body is optional: { "resumeSession": true } continues the agent's last session.
 */
export const POST = mutation(async (request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  const body = request.headers.get("content-type") ? await readJsonBody(request) : {};
  const { resumeSession } = parseInput(retryInput, body);
  const host = engineHost();
  await retryPackage(host.ctx, id, wp, { resumeSession });
  host.kick(id);
  return Response.json(
    { runId: id, wpId: wp, status: "pending", resumeSession: resumeSession ?? false },
    { status: 202 },
  );
});
