// Starting a run from an API request: the request names a project (or a repository path) and
// a WBS, and may pick one of the agents and limits; it can never carry a command line.
import { maxLoadSchema, minFreeMemorySchema, packageCapSchema } from "@/lib/core/run/run-options";
import { REVIEW_MODES } from "@/lib/core/review/review-state";
import { z } from "zod";
import { AGENT_KINDS } from "@/lib/core/agents/agent-types";
import { budgetUsdSchema } from "@/lib/core/run/run-options";
import { parseWbsValue } from "@/lib/core/wbs/parse-wbs";
import { MAX_WORK_PACKAGES } from "@/lib/core/wbs/wbs-schema";
import { UserError } from "@/lib/server/errors";
import { inspectRepository } from "@/lib/node/git/inspect-repository";
import { registerProject } from "@/lib/server/projects/register-project";
import { createRun } from "@/lib/server/engine/commands/create-run";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";

const COMMAND_FIELDS = [
  "agentCmd",
  "agentCommand",
  "customCommand",
  "agentSettings",
  "extraArgs",
  "testCmd",
  "testCommand",
  "setupCommand",
  "command",
];

export const startRunInput = z.strictObject({
  projectId: z.string().max(64).optional(),
  repo: z.string().max(4096).optional(),
  wbs: z.unknown(),
  agent: z.enum(AGENT_KINDS).optional(),
  baseBranch: z.string().max(255).optional(),
  concurrency: z.number().int().min(1).max(10).optional(),
  staggerSeconds: z.number().min(0).max(3600).optional(),
  timeoutSeconds: z.number().min(1).max(86_400).optional(),
  reviewMode: z.enum(REVIEW_MODES).optional(),
  humanGate: z.boolean().optional(),
  /** Dollars the run may spend; null for no limit. Defaults to the project's budget. */
  budgetUsd: budgetUsdSchema.optional(),
  /** Dollars one package may spend; null for no cap. Defaults to the project's cap. */
  packageBudgetUsd: packageCapSchema.optional(),
  /** Free memory (MB) and load per core a new agent needs to start; null: the machine's defaults. */
  minFreeMemoryMb: minFreeMemorySchema.optional(),
  maxLoadPerCore: maxLoadSchema.optional(),
});

/** Refuses command lines before anything else looks at the request. */
export function refuseCommandLines(body: unknown): void {
  if (!body || typeof body !== "object") return;
  const found = COMMAND_FIELDS.filter((field) => field in body);
  if (found.length > 0) {
    throw new UserError(
      `A run request cannot carry a command line (${found.join(", ")}): agent and test commands come only from the project's settings`,
    );
  }
}

export async function startRun(ctx: EngineContext, input: z.infer<typeof startRunInput>) {
  const wbs = parseWbsValue(input.wbs);
  if (!wbs.ok) throw new UserError(`The wbs is not valid: ${wbs.errors.join("; ")}`);
  if (wbs.wbs.work_packages.length > MAX_WORK_PACKAGES)
    throw new UserError(
      `At most ${MAX_WORK_PACKAGES} work packages can run; this plan has ${wbs.wbs.work_packages.length}`,
    );

  let projectId = input.projectId;
  if (!projectId) {
    if (!input.repo) throw new UserError("Name the project (projectId) or the repository (repo) to run on");
    const repo = await inspectRepository(input.repo);
    if (!repo.ok) throw new UserError(repo.message);
    const existing = await ctx.db.project.findUnique({ where: { repoPath: repo.topLevel } });
    projectId = (existing ?? (await registerProject(ctx.db, { path: repo.topLevel }))).id;
  }
  const { run, warnings } = await createRun(ctx.db, {
    projectId,
    wbs: wbs.wbs,
    options: {
      agent: input.agent,
      baseBranch: input.baseBranch,
      concurrency: input.concurrency,
      staggerSeconds: input.staggerSeconds,
      timeoutSeconds: input.timeoutSeconds,
      reviewMode: input.reviewMode,
      humanGate: input.humanGate,
      budgetUsd: input.budgetUsd,
      packageBudgetUsd: input.packageBudgetUsd,
      minFreeMemoryMb: input.minFreeMemoryMb,
      maxLoadPerCore: input.maxLoadPerCore,
    },
  });
  await launchRun(ctx, run.id);
  return { run, warnings };
}
