import { projectSettingsSchema } from "@/lib/core/projects/project-settings";
import { db } from "@/lib/server/db/client";
import { mutation, parseInput, query, readJsonBody } from "@/lib/server/http/json-route";
import { projectSettingsView } from "@/lib/server/projects/project-settings-view";
import { updateProjectSettings } from "@/lib/server/projects/update-project-settings";

/** GET /api/projects/:id/settings: the project's settings. */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(await projectSettingsView(db(), id));
});

/**
 * PUT /api/projects/:id/settings: replaces the settings (fields left out keep their values).
 * The only way, with the settings form, to change a project's command lines.
 */
export const PUT = mutation(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const current = await projectSettingsView(db(), id);
  const body = (await readJsonBody(request)) as Record<string, unknown>;
  const merged = Object.fromEntries(Object.entries({ ...current, ...body }).map(([k, v]) => [k, typeof v === "number" ? String(v) : v]));
  const settings = parseInput(projectSettingsSchema, merged);
  await updateProjectSettings(db(), id, settings);
  return Response.json(await projectSettingsView(db(), id));
});
