import { db } from "@/lib/server/db/client";
import { HttpError, mutation, query, readJsonBody } from "@/lib/server/http/json-route";
import { projectSettingsView } from "@/lib/server/projects/project-settings-view";
import { changeProjectSettings } from "@/lib/server/projects/update-project-settings";
import { webhookStatuses } from "@/lib/server/webhooks/webhook-status";

/** GET /api/projects/:id/settings: the project's settings. */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json({
    ...(await projectSettingsView(db(), id)),
    // Each webhook URL (masked) with its latest delivery: delivered, retrying with its error, or none yet.
    webhookStatus: await webhookStatuses(db(), id),
  });
});

/**
 * PUT /api/projects/:id/settings: replaces the settings (fields left out keep their values).
 * The only way, with the settings form, to change a project's command lines.
 */
export const PUT = mutation(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const body = await readJsonBody(request);
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new HttpError(400, "Send the settings to change as a JSON object");
  return Response.json(await changeProjectSettings(db(), id, body as Record<string, unknown>));
});
