"use server";
import { REVIEW_CHOICES } from "@/lib/core/review/review-state";
import { z } from "zod";
import { AGENT_KINDS } from "@/lib/core/agents/agent-types";
import { planRequestSchema } from "@/lib/core/plan/plan-request";
import { budgetUsdField } from "@/lib/core/projects/project-settings";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { UserError } from "@/lib/server/errors";
import { planTask } from "@/lib/server/plan/plan-task";
import { formAction } from "./safe-action";

const decomposeInput = z.object({
  projectId: z.string({ error: "No project was given" }).max(64),
  task: planRequestSchema.shape.task,
  countChoice: z.enum(["3", "4", "5", "custom"]).default("3"),
  customCount: z.string().optional(),
  deps: planRequestSchema.shape.deps,
  agent: z.enum(AGENT_KINDS).optional(),
  planner: z.enum(["auto", "agent", "offline"]).default("auto"),
  reviewMode: z.enum(REVIEW_CHOICES).default("auto"),
  humanGate: z.string().optional(),
  budgetUsd: budgetUsdField,
});

/** New run: decompose the task into a plan and open it in the plan editor. */
export const decomposeTaskAction = formAction(decomposeInput, async (input) => {
  const countText = input.countChoice === "custom" ? input.customCount : input.countChoice;
  const count = planRequestSchema.shape.count.safeParse(countText ?? "");
  if (!count.success)
    throw new UserError(count.error.issues[0].message, "validation", { customCount: count.error.issues[0].message });
  const { ctx } = engineHost();
  const planned = await planTask(ctx.db, ctx.dataDir, {
    projectId: input.projectId,
    request: { task: input.task, count: count.data, deps: input.deps },
    planner: input.planner,
    agent: input.agent,
  });
  const { run } = await createRun(ctx.db, {
    projectId: input.projectId,
    wbs: planned.wbs,
    options: {
      agent: input.agent,
      reviewMode: input.reviewMode === "auto" ? undefined : input.reviewMode,
      humanGate: input.humanGate === "on" || undefined,
      budgetUsd: input.budgetUsd,
    },
  });
  const note = planned.notice ? ` ${planned.notice}` : "";
  return {
    message: `Planned ${planned.wbs.work_packages.length} packages.${note}`,
    redirectTo: `/runs/${run.id}${planned.notice ? `?notice=${encodeURIComponent(planned.notice)}` : ""}`,
  };
});
