// flotilla plan: decomposes a task into a WBS; flotilla export: writes a run's coordination folder.
import { AGENT_KINDS, type AgentKind } from "@/lib/core/agents/agent-types";
import { planRequestSchema } from "@/lib/core/plan/plan-request";
import { serializeWbs } from "@/lib/core/wbs/parse-wbs";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { exportRun } from "@/lib/server/plan/export-run";
import { planTask, type PlannerChoice } from "@/lib/server/plan/plan-task";
import { parseCommandArgs, required } from "../cli-args";
import { findRunId } from "../cli-engine";
import { CliUsageError, EXIT } from "../cli-error";

const PLANNERS = ["auto", "agent", "offline"] as const;

export async function planCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("plan", argv, {
    repo: { type: "string" },
    task: { type: "string" },
    count: { type: "string" },
    deps: { type: "string" },
    planner: { type: "string", default: "auto" },
    agent: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const request = planRequestSchema.safeParse({ task: args.task ?? "", count: args.count, deps: args.deps });
  if (!request.success)
    throw new CliUsageError(request.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n"));
  if (!(PLANNERS as readonly string[]).includes(args.planner!))
    throw new CliUsageError(`--planner must be one of ${PLANNERS.join(", ")} (got "${args.planner}")`);
  if (args.agent !== undefined && !(AGENT_KINDS as readonly string[]).includes(args.agent))
    throw new CliUsageError(`--agent must be one of ${AGENT_KINDS.join(", ")}`);

  const result = await planTask(ctx.db, ctx.dataDir, {
    repo: required("plan", "repo", args.repo),
    request: request.data,
    planner: args.planner as PlannerChoice,
    agent: args.agent as AgentKind | undefined,
  }).catch((err) => {
    const raw = (err as { details?: { rawAnswer?: string } }).details?.rawAnswer;
    if (raw) process.stderr.write(`The planner's last answer was:\n${raw}\n\n`);
    throw err;
  });
  if (result.notice) process.stderr.write(`${result.notice}\n`);
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (args.json) process.stdout.write(serializeWbs(result.wbs));
  else {
    process.stdout.write(`${result.wbs.task}\n(${result.planner} planner)\n\n`);
    for (const p of result.wbs.work_packages) {
      process.stdout.write(
        `${p.id}  ${p.name}${p.dependencies.length ? `  (after ${p.dependencies.join(", ")})` : ""}\n    ${p.scope}\n${p.expected_outputs.map((f) => `    - ${f}`).join("\n")}\n`,
      );
    }
  }
  return EXIT.ok;
}

export async function exportCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("export", argv, { run: { type: "string" }, dir: { type: "string" } });
  const runId = await findRunId(ctx, required("export", "run", args.run));
  const written = await exportRun(ctx.db, runId, required("export", "dir", args.dir));
  process.stdout.write(
    `Wrote ${written.length} files to ${args.dir}:\n${written.map((f) => `  ${f}`).join("\n")}\nStart them with: bash ${args.dir}/launch-all.sh\n`,
  );
  return EXIT.ok;
}
