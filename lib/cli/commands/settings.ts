// flotilla settings --repo PATH [--flags]: shows a project's settings, or changes them with the
// same validation as the settings form.
import { inspectRepository } from "@/lib/node/git/inspect-repository";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { projectSettingsView, settingsViewOf } from "@/lib/server/projects/project-settings-view";
import { draftProject, registerProject } from "@/lib/server/projects/register-project";
import {
  changeProjectSettings,
  checkProjectSettings,
  mergeSettingsChanges,
} from "@/lib/server/projects/update-project-settings";
import { parseCommandArgs, required } from "../cli-args";
import { CliUsageError, EXIT } from "../cli-error";

const FLAGS = {
  base: "baseBranch",
  agent: "agent",
  "agent-cmd": "customCommand",
  model: "model",
  "permission-mode": "permissionMode",
  "extra-args": "extraArgs",
  "model-prices": "modelPrices",
  "test-cmd": "testCommand",
  "setup-cmd": "setupCommand",
  "copy-files": "copyFiles",
  review: "reviewMode",
  concurrency: "concurrency",
  stagger: "staggerSeconds",
  timeout: "timeoutSeconds",
  budget: "budgetUsd",
  "resolve-rounds": "resolveRounds",
  "package-budget": "packageBudgetUsd",
  "min-free-memory": "minFreeMemoryMb",
  "max-load": "maxLoadPerCore",
  remote: "remote",
  "auto-deliver": "autoDeliver",
  webhook: "webhooks",
} as const;

export async function settingsCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const options = Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: "string" as const }]));
  const args = parseCommandArgs("settings", argv, {
    repo: { type: "string" },
    sandbox: { type: "string" },
    json: { type: "boolean", default: false },
    ...options,
  }) as Record<string, string | boolean | undefined>;
  const repo = await inspectRepository(required("settings", "repo", args.repo as string | undefined));
  if (!repo.ok) throw new CliUsageError(`--repo: ${repo.message}`);
  const changes: Record<string, string> = {};
  for (const [flag, field] of Object.entries(FLAGS))
    if (typeof args[flag] === "string") changes[field] = args[flag] as string;
  if (typeof args.sandbox === "string") changes.sandbox = args.sandbox === "yes" || args.sandbox === "true" ? "on" : "";
  let project = await ctx.db.project.findUnique({ where: { repoPath: repo.topLevel } });
  if (!project) {
    // A new repository is registered only when its settings are accepted: nothing is written on a refusal.
    const draft = await draftProject(ctx.db, { path: repo.topLevel });
    const settings = mergeSettingsChanges(settingsViewOf(draft), changes);
    await checkProjectSettings(draft.repoPath, settings);
    project = await registerProject(ctx.db, draft);
  }
  if (Object.keys(changes).length > 0) await changeProjectSettings(ctx.db, project.id, changes);
  const view = await projectSettingsView(ctx.db, project.id);
  process.stdout.write(
    args.json
      ? `${JSON.stringify(view)}\n`
      : `${Object.entries(view)
          .map(([k, v]) => `${k.padEnd(16)} ${v === "" ? "–" : v}`)
          .join("\n")}\n`,
  );
  return EXIT.ok;
}
