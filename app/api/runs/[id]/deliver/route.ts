import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { deliverRun } from "@/lib/server/delivery/deliver-run";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

const deliverInput = z.strictObject({ push: z.boolean().optional(), pr: z.boolean().optional() });

/**
 * POST /api/runs/:id/deliver { push?, pr? }: pushes a completed run's feature branch (the default)
 * and, with pr, opens a pull request or gives the compare page. 200 with the stored record; 409
 * with { error, delivery } when the push or pull request failed (the record keeps lastError).
 */
export const POST = mutation(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const input = parseInput(deliverInput, await readJsonBody(request));
  const delivery = await deliverRun(db(), id, { push: input.push ?? true, pr: input.pr ?? false });
  return Response.json({ runId: id, delivery });
});
