import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { HttpError, mutation, parseInput, query, readJsonBody } from "@/lib/server/http/json-route";
import { enqueueTestDelivery, webhookUrls } from "@/lib/server/webhooks/enqueue-webhooks";
import { webhookStatuses } from "@/lib/server/webhooks/webhook-status";

type Context = { params: Promise<{ id: string }> };

/** GET /api/projects/:id/webhooks: each webhook URL (masked) with its latest delivery. */
export const GET = query(async (_request: Request, { params }: Context) => {
  const { id } = await params;
  return Response.json(await webhookStatuses(db(), id), { headers: { "cache-control": "no-store" } });
});

const testInput = z.object({
  index: z.number({ error: "Name the webhook by its index (0 for the first URL)" }).int().min(0),
});

/** POST /api/projects/:id/webhooks { index }: sends a webhook.test event to that URL. */
export const POST = mutation(async (request: Request, { params }: Context) => {
  const { id } = await params;
  const { index } = parseInput(testInput, await readJsonBody(request));
  const project = await db().project.findUnique({ where: { id }, select: { webhooks: true } });
  if (!project) throw new HttpError(404, "That project does not exist");
  const url = webhookUrls(project.webhooks)[index];
  if (!url) throw new HttpError(404, `This project has no webhook number ${index + 1}: save it in the settings first`);
  await enqueueTestDelivery(db(), id, url);
  return Response.json(await webhookStatuses(db(), id), { status: 202 });
});
