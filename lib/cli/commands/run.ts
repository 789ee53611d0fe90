// flotilla run --repo PATH --wbs FILE [...]: creates a run from a wbs.json and drives it to the end.
import { REVIEW_MODES } from "@/lib/core/review/review-state";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentKind } from "@/lib/core/agents/agent-types";
import { AGENT_KINDS } from "@/lib/core/agents/agent-types";
import { splitCommandLine } from "@/lib/core/run/command-line";
import { LIMITS, type RunOptions } from "@/lib/core/run/run-options";
import { importPlan } from "@/lib/core/plan/import-markdown";
import { inspectRepository } from "@/lib/node/git/inspect-repository";
import { checkRunInput, createRun, type RunOptionOverrides } from "@/lib/server/engine/commands/create-run";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { draftProject, registerProject } from "@/lib/server/projects/register-project";
import { numberOption, parseCommandArgs, required } from "../cli-args";
import { driveFromCli } from "../cli-engine";
import { CliUsageError, EXIT } from "../cli-error";
import { renderRun } from "./manage";

const OPTIONS = {
  repo: { type: "string" },
  wbs: { type: "string" },
  agent: { type: "string" },
  "agent-cmd": { type: "string" },
  base: { type: "string" },
  concurrency: { type: "string" },
  stagger: { type: "string" },
  timeout: { type: "string" },
  budget: { type: "string" },
  "package-budget": { type: "string" },
  "test-cmd": { type: "string" },
  "no-test-gate": { type: "boolean", default: false },
  review: { type: "string" },
  "human-gate": { type: "boolean", default: false },
  json: { type: "boolean", default: false },
} as const;

function reviewModeOf(value: string | undefined): RunOptions["reviewMode"] | undefined {
  if (value === undefined) return undefined;
  if (!(REVIEW_MODES as readonly string[]).includes(value))
    throw new CliUsageError(`--review must be one of ${REVIEW_MODES.join(", ")} (got "${value}")`);
  return value as RunOptions["reviewMode"];
}

async function readPlan(file: string) {
  let text: string;
  try {
    text = await readFile(path.resolve(file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliUsageError(
      code === "ENOENT" ? `--wbs: there is no file ${file}` : `--wbs: cannot read ${file} (${code})`,
    );
  }
  const parsed = importPlan(text);
  if (!parsed.ok)
    throw new CliUsageError(
      `${file} is not a usable plan (wbs.json or Markdown):\n${parsed.errors.map((e) => `- ${e}`).join("\n")}`,
    );
  return parsed.wbs;
}

/** --agent and --agent-cmd override only what they name; the rest comes from the project. */
function agentOptions(agentArg: string | undefined, agentCmd: string | undefined): RunOptionOverrides {
  if (agentArg !== undefined && !(AGENT_KINDS as readonly string[]).includes(agentArg)) {
    throw new CliUsageError(`--agent must be one of ${AGENT_KINDS.join(", ")} (got "${agentArg}")`);
  }
  const agent = (agentArg ?? (agentCmd !== undefined ? "custom" : undefined)) as AgentKind | undefined;
  if (agentCmd !== undefined && agent !== "custom" && agent !== "acp")
    throw new CliUsageError("--agent-cmd goes with --agent custom or --agent acp (or without --agent)");
  if (agentCmd !== undefined) {
    const split = splitCommandLine(agentCmd);
    if (!split.ok) throw new CliUsageError(`--agent-cmd: ${split.message}`);
    return { agent: agent === "acp" ? "acp" : "custom", agentSettings: { customCommand: agentCmd } };
  }
  return agent ? { agent } : {};
}

export async function runCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("run", argv, OPTIONS);
  const repoPath = required("run", "repo", args.repo);
  const wbs = await readPlan(required("run", "wbs", args.wbs));
  const testCommand = args["test-cmd"];
  if (testCommand !== undefined) {
    const split = splitCommandLine(testCommand);
    if (!split.ok) throw new CliUsageError(`--test-cmd: ${split.message}`);
  }
  const overrides: RunOptionOverrides = {
    ...agentOptions(args.agent, args["agent-cmd"]),
    concurrency: numberOption("concurrency", args.concurrency, LIMITS.concurrency.min, LIMITS.concurrency.max, true),
    staggerSeconds: numberOption("stagger", args.stagger, LIMITS.staggerSeconds.min, LIMITS.staggerSeconds.max),
    timeoutSeconds: numberOption("timeout", args.timeout, LIMITS.timeoutSeconds.min, LIMITS.timeoutSeconds.max),
    budgetUsd: numberOption("budget", args.budget, 0.01, 100_000),
    packageBudgetUsd: numberOption("package-budget", args["package-budget"], 0.01, 100_000),
    testCommand,
    testGate: args["no-test-gate"] ? "off" : undefined,
    reviewMode: reviewModeOf(args.review),
    humanGate: args["human-gate"] || undefined,
  };

  const repo = await inspectRepository(repoPath);
  if (!repo.ok) throw new CliUsageError(`--repo: ${repo.message}`);
  if (args.base !== undefined && !repo.branches.includes(args.base)) {
    throw new CliUsageError(
      `--base: there is no branch "${args.base}" in ${repo.topLevel} (branches: ${repo.branches.join(", ")})`,
    );
  }
  if (args.base) overrides.baseBranch = args.base;
  // A repository seen for the first time is registered only once the run is accepted: a refused
  // command leaves nothing behind.
  const existing = await ctx.db.project.findUnique({ where: { repoPath: repo.topLevel } });
  const draft = existing ? null : await draftProject(ctx.db, { path: repo.topLevel, baseBranch: args.base });
  await checkRunInput(existing ?? draft!, { wbs, options: overrides });
  const project = existing ?? (await registerProject(ctx.db, draft!));

  const { run, warnings, agentNote } = await createRun(ctx.db, { projectId: project.id, wbs, options: overrides });
  for (const w of warnings) process.stderr.write(`warning: ${w.message}\n`);
  if (agentNote)
    process.stderr.write(`note: ${AGENTS[(overrides.agent ?? project.agent) as AgentKind].label} ${agentNote}\n`);
  await launchRun(ctx, run.id);
  process.stderr.write(
    `Run ${run.id} started on ${repo.topLevel}: ${wbs.work_packages.length} packages, feature branch flotilla/${run.slug}\n`,
  );

  const status = await driveFromCli(ctx, run.id);
  process.stdout.write(`${(await renderRun(ctx, run.id, args.json)).text}\n`);
  if (status === "running") return EXIT.interrupted;
  return status === "completed" ? EXIT.ok : EXIT.notMerged;
}
