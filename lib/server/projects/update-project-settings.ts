// Saves a project's settings after the checks only this machine can answer: the base branch
// exists, and each command's program is installed. Runs already started keep their own copy.
import { existsSync } from "node:fs";
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { splitCommandLine } from "@/lib/core/run/command-line";
import {
  formatSettingsIssues,
  projectSettingsSchema,
  type ProjectSettings,
} from "@/lib/core/projects/project-settings";
import { projectSettingsView, type ProjectSettingsView } from "./project-settings-view";
import { findOnPath, preflightAgent } from "@/lib/node/agents/agent-availability";
import { branchExists } from "@/lib/node/git/git-ops";
import { isRemoteName, listRemotes } from "@/lib/node/git/remote-ops";
import { machineLoad } from "@/lib/node/process/machine-load";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";

function programMissing(commandLine: string | null, cwd: string): string | null {
  if (!commandLine) return null;
  const split = splitCommandLine(commandLine);
  if (!split.ok) return split.message;
  const program = split.argv[0];
  // A relative path such as ./scripts/agent.sh is looked up in the repository.
  const found =
    program.includes("/") && !program.startsWith("/") ? findOnPath(`${cwd}/${program}`) : findOnPath(program);
  return found ? null : `"${program}" is not installed or not on PATH`;
}

/** The checks only this machine can answer; throws with a message per field. */
export async function checkProjectSettings(repoPath: string, settings: ProjectSettings): Promise<void> {
  const fieldErrors: Record<string, string> = {};
  if (!(await branchExists(repoPath, settings.baseBranch)))
    fieldErrors.baseBranch = `There is no branch "${settings.baseBranch}" in ${repoPath}`;
  const test = programMissing(settings.testCommand, repoPath);
  if (test) fieldErrors.testCommand = `The test command cannot run: ${test}`;
  const setup = programMissing(settings.setupCommand, repoPath);
  if (setup) fieldErrors.setupCommand = `The set-up command cannot run: ${setup}`;
  const missing = settings.copyFiles.filter((f) => !existsSync(path.join(repoPath, f)));
  if (missing.length > 0)
    fieldErrors.copyFiles = `Files to copy: ${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not exist in ${repoPath}`;
  if (settings.remote && isRemoteName(settings.remote)) {
    const remotes = await listRemotes(repoPath);
    if (!remotes.includes(settings.remote))
      fieldErrors.remote = `There is no remote "${settings.remote}" in ${repoPath} (${remotes.length > 0 ? `it has ${remotes.join(", ")}` : "it has none"}); name one of them, or give a URL`;
  }
  const machine = machineLoad();
  if (settings.minFreeMemoryMb !== null && settings.minFreeMemoryMb >= machine.totalMemoryMb)
    fieldErrors.minFreeMemoryMb = `Free memory to start an agent: ${settings.minFreeMemoryMb.toLocaleString("en-US")} MB is more than this machine has (${Math.round(machine.totalMemoryMb).toLocaleString("en-US")} MB), so only one agent would ever run; give less, or leave it blank for the default`;
  if (settings.agent === "custom" || settings.agent === "acp") {
    const custom = programMissing(settings.customCommand, repoPath);
    if (custom)
      fieldErrors.customCommand = `The ${settings.agent === "acp" ? "ACP" : "custom"} agent cannot run: ${custom}`;
  } else {
    const program = AGENTS[settings.agent].program(agentSettingsSchema.parse({}));
    if (program && !findOnPath(program))
      fieldErrors.agent = `The ${AGENTS[settings.agent].label} agent needs "${program}", which is not installed or not on PATH`;
  }
  if (!fieldErrors.agent) {
    const preflight = preflightAgent(
      settings.agent,
      agentSettingsSchema.parse({ permissionMode: settings.permissionMode, sandbox: settings.sandbox }),
    );
    if (!preflight.ok) fieldErrors.permissionMode = preflight.message;
  }
  if (Object.keys(fieldErrors).length > 0)
    throw new UserError(Object.values(fieldErrors)[0], "validation", fieldErrors);
}

export async function updateProjectSettings(db: Database, projectId: string, settings: ProjectSettings) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new UserError("That project no longer exists", "not_found");
  await checkProjectSettings(project.repoPath, settings);

  const agentSettings = agentSettingsSchema.parse({
    model: settings.model || undefined,
    permissionMode: settings.permissionMode,
    extraArgs: settings.extraArgs ?? "",
    customCommand: settings.customCommand ?? "",
    sandbox: settings.sandbox,
    modelPrices: settings.modelPrices,
  });
  const updated = await db.project.update({
    where: { id: projectId },
    data: {
      name: settings.name,
      baseBranch: settings.baseBranch,
      agent: settings.agent,
      agentSettings: JSON.stringify(agentSettings),
      testCommand: settings.testCommand,
      setupCommand: settings.setupCommand,
      copyFiles: JSON.stringify(settings.copyFiles),
      reviewMode: settings.reviewMode,
      concurrency: settings.concurrency,
      staggerSeconds: settings.staggerSeconds,
      timeoutSeconds: settings.timeoutSeconds,
      budgetUsd: settings.budgetUsd,
      resolveRounds: settings.resolveRounds,
      packageBudgetUsd: settings.packageBudgetUsd,
      minFreeMemoryMb: settings.minFreeMemoryMb,
      maxLoadPerCore: settings.maxLoadPerCore,
      remote: settings.remote,
      autoDeliver: settings.autoDeliver,
      webhooks: JSON.stringify(settings.webhooks),
    },
  });
  await appendEvent(db, {
    type: "project.settings_changed",
    projectId,
    payload: { agent: settings.agent, concurrency: settings.concurrency },
  });
  return updated;
}

/**
 * Applies some changes (the API's PUT and the CLI) to settings as they are: fields left out
 * keep their values, and the result is checked like the settings form.
 */
export function mergeSettingsChanges(current: ProjectSettingsView, changes: Record<string, unknown>): ProjectSettings {
  const merged = Object.fromEntries(
    Object.entries({ ...current, sandbox: current.sandbox ? "on" : "", ...changes } as Record<string, unknown>).map(
      ([k, v]) => [k, typeof v === "number" ? String(v) : v === true ? "on" : v === false ? "" : v],
    ),
  );
  const parsed = projectSettingsSchema.safeParse(merged);
  if (!parsed.success) throw new UserError(formatSettingsIssues(parsed.error));
  return parsed.data;
}

/** Changes some settings of a project. Returns the settings as they are now. */
export async function changeProjectSettings(db: Database, projectId: string, changes: Record<string, unknown>) {
  const current = await projectSettingsView(db, projectId);
  await updateProjectSettings(db, projectId, mergeSettingsChanges(current, changes));
  return projectSettingsView(db, projectId);
}
