// A project's settings as the settings form, the API and the CLI show them (flat, editable).
import { formatModelPrices } from "@/lib/core/agents/model-prices";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import type { Database } from "@/lib/server/db/client";
import type { Project } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/server/errors";

type SettingsRow = Pick<
  Project,
  | "name"
  | "baseBranch"
  | "agent"
  | "agentSettings"
  | "testCommand"
  | "setupCommand"
  | "copyFiles"
  | "reviewMode"
  | "concurrency"
  | "staggerSeconds"
  | "timeoutSeconds"
  | "budgetUsd"
  | "resolveRounds"
  | "packageBudgetUsd"
  | "minFreeMemoryMb"
  | "maxLoadPerCore"
  | "remote"
  | "autoDeliver"
  | "webhooks"
>;

export async function projectSettingsView(db: Database, projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new UserError("That project does not exist", "not_found");
  return settingsViewOf(project);
}

export type ProjectSettingsView = ReturnType<typeof settingsViewOf>;

/** The settings of a project row (or of one not registered yet). */
export function settingsViewOf(project: SettingsRow) {
  const agent = agentSettingsSchema.parse(JSON.parse(project.agentSettings || "{}"));
  return {
    name: project.name,
    baseBranch: project.baseBranch,
    agent: project.agent,
    customCommand: agent.customCommand,
    model: agent.model ?? "",
    permissionMode: agent.permissionMode,
    sandbox: agent.sandbox,
    extraArgs: agent.extraArgs,
    modelPrices: formatModelPrices(agent.modelPrices),
    testCommand: project.testCommand ?? "",
    setupCommand: project.setupCommand ?? "",
    copyFiles: (JSON.parse(project.copyFiles || "[]") as string[]).join(", "),
    reviewMode: project.reviewMode,
    concurrency: project.concurrency,
    staggerSeconds: project.staggerSeconds,
    timeoutSeconds: project.timeoutSeconds,
    budgetUsd: project.budgetUsd === null ? "" : String(project.budgetUsd),
    resolveRounds: project.resolveRounds,
    packageBudgetUsd: project.packageBudgetUsd === null ? "" : String(project.packageBudgetUsd),
    minFreeMemoryMb: project.minFreeMemoryMb === null ? "" : String(project.minFreeMemoryMb),
    maxLoadPerCore: project.maxLoadPerCore === null ? "" : String(project.maxLoadPerCore),
    remote: project.remote ?? "",
    autoDeliver: project.autoDeliver,
    webhooks: (JSON.parse(project.webhooks || "[]") as string[]).join(", "),
  };
}
