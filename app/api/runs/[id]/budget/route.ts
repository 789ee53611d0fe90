import { z } from "zod";
import { budgetUsdSchema } from "@/lib/core/run/run-options";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { changeRunBudget } from "@/lib/server/engine/commands/run-budget";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

const budgetInput = z.strictObject({ budgetUsd: budgetUsdSchema });

/** PUT /api/runs/:id/budget { budgetUsd }: changes what the run may spend; a run its budget stopped goes on. */
export const PUT = mutation(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { budgetUsd } = parseInput(budgetInput, await readJsonBody(request));
  const host = engineHost();
  await changeRunBudget(host.ctx, id, budgetUsd);
  host.kick(id);
  const run = await host.ctx.db.run.findUniqueOrThrow({ where: { id } });
  return Response.json({ runId: id, budgetUsd, costUsd: run.costUsd, status: run.status });
});
