// A project's settings as the settings form, the API and the CLI show them (flat, editable).
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";

export async function projectSettingsView(db: Database, projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new UserError("That project does not exist", "not_found");
  const agent = agentSettingsSchema.parse(JSON.parse(project.agentSettings || "{}"));
  return {
    name: project.name, baseBranch: project.baseBranch, agent: project.agent, customCommand: agent.customCommand, model: agent.model ?? "",
    permissionMode: agent.permissionMode, sandbox: agent.sandbox, extraArgs: agent.extraArgs, testCommand: project.testCommand ?? "",
    setupCommand: project.setupCommand ?? "", copyFiles: (JSON.parse(project.copyFiles || "[]") as string[]).join(", "), reviewMode: project.reviewMode,
    concurrency: project.concurrency, staggerSeconds: project.staggerSeconds, timeoutSeconds: project.timeoutSeconds,
    budgetUsd: project.budgetUsd === null ? "" : String(project.budgetUsd),
  };
}
