import { z } from "zod";
import { AGENT_KINDS } from "@/lib/core/agents/agent-types";
import { planRequestSchema } from "@/lib/core/plan/plan-request";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { refuseCommandLines } from "@/lib/server/engine/commands/start-run";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";
import { planTask } from "@/lib/server/plan/plan-task";

const planInput = z.strictObject({
  projectId: z.string().max(64).optional(),
  repo: z.string().max(4096).optional(),
  task: planRequestSchema.shape.task,
  count: planRequestSchema.shape.count,
  deps: planRequestSchema.shape.deps,
  planner: z.enum(["auto", "agent", "offline"]).default("auto"),
  agent: z.enum(AGENT_KINDS).optional(),
});

/** POST /api/plan: decompose a compound task into a WBS (nothing is saved). */
export const POST = mutation(async (request: Request) => {
  const body = await readJsonBody(request);
  refuseCommandLines(body);
  const input = parseInput(planInput, body);
  const { ctx } = engineHost();
  const result = await planTask(ctx.db, ctx.dataDir, {
    projectId: input.projectId,
    repo: input.repo,
    request: { task: input.task, count: input.count, deps: input.deps },
    planner: input.planner,
    agent: input.agent,
  });
  return Response.json(result);
});
