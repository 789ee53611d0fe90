import { z } from "zod";
import { budgetUsdSchema, packageCapSchema } from "@/lib/core/run/run-options";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { changePackageCap, changeRunBudget } from "@/lib/server/engine/commands/run-budget";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

const budgetInput = z
  .strictObject({ budgetUsd: budgetUsdSchema.optional(), packageBudgetUsd: packageCapSchema.optional() })
  .refine((v) => v.budgetUsd !== undefined || v.packageBudgetUsd !== undefined, {
    message: "Give budgetUsd (the run's budget), packageBudgetUsd (the cap per package), or both",
  });

/**
 * PUT /api/runs/:id/budget { budgetUsd?, packageBudgetUsd? }: changes what the run, or each of its
 * packages, may spend. A run its budget stopped goes on; packages the old cap stopped are retried.
 */
export const PUT = mutation(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const input = parseInput(budgetInput, await readJsonBody(request));
  const host = engineHost();
  if (input.budgetUsd !== undefined) await changeRunBudget(host.ctx, id, input.budgetUsd);
  const retried =
    input.packageBudgetUsd !== undefined ? await changePackageCap(host.ctx, id, input.packageBudgetUsd) : [];
  host.kick(id);
  const run = await host.ctx.db.run.findUniqueOrThrow({ where: { id } });
  const options = JSON.parse(run.options) as { budgetUsd?: number | null; packageBudgetUsd?: number | null };
  return Response.json({
    runId: id,
    budgetUsd: options.budgetUsd ?? null,
    packageBudgetUsd: options.packageBudgetUsd ?? null,
    costUsd: run.costUsd,
    status: run.status,
    retried,
  });
});
