// Creates a run from a validated WBS: the run row, one row per package and its dependencies.
// Nothing is half-made: an invalid plan creates nothing, and rows are written in one transaction.
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentKind, AgentSettings } from "@/lib/core/agents/agent-types";
import { formatRunOptionIssues, runOptionsSchema, type RunOptions } from "@/lib/core/run/run-options";
import type { Project } from "@/lib/generated/prisma/client";
import { slugify, uniqueSlug } from "@/lib/core/run/slug";
import { validateWbs, type WbsProblem } from "@/lib/core/wbs/validate-wbs";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { listBranches } from "@/lib/node/git/git-ops";
import { sharedFileWarnings } from "@/lib/server/plan/shared-files";
import { checkAgent } from "@/lib/node/agents/agent-availability";
import { appendEvent } from "@/lib/server/events/append-event";

const CORE_FIELDS = new Set(["id", "name", "scope", "expected_outputs", "dependencies", "status"]);

/** What a caller may choose for one run; agent settings override only the fields they name. */
export type RunOptionOverrides = Partial<Omit<RunOptions, "agentSettings">> & {
  agentSettings?: Partial<AgentSettings>;
};

export interface CreateRunInput {
  projectId: string;
  wbs: WorkBreakdown;
  options: RunOptionOverrides;
}

/** The fields of a project row that a run's options come from. */
export type ProjectRunDefaults = Pick<
  Project,
  | "baseBranch"
  | "agent"
  | "agentSettings"
  | "concurrency"
  | "staggerSeconds"
  | "timeoutSeconds"
  | "testCommand"
  | "setupCommand"
  | "copyFiles"
  | "reviewMode"
  | "budgetUsd"
  | "resolveRounds"
  | "packageBudgetUsd"
  | "minFreeMemoryMb"
  | "maxLoadPerCore"
>;

const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The project's settings as run options, overridden only where the caller chose something. */
export function runOptionsFor(project: ProjectRunDefaults, overrides: RunOptionOverrides): RunOptions {
  const { agentSettings: settingsOverride, ...rest } = overrides;
  const agent = (overrides.agent ?? project.agent) as AgentKind;
  const parsed = runOptionsSchema.safeParse({
    baseBranch: project.baseBranch,
    // "auto": what the agent's adapter says (reviewers for a known agent CLI; none for the demo
    // agent or a custom command, which may not know the reviewer role).
    reviewMode: project.reviewMode === "auto" ? (AGENTS[agent]?.defaultReview ?? "off") : project.reviewMode,
    setupCommand: project.setupCommand,
    copyFiles: JSON.parse(project.copyFiles || "[]"),
    agent: project.agent,
    agentSettings: { ...JSON.parse(project.agentSettings || "{}"), ...defined(settingsOverride ?? {}) },
    concurrency: project.concurrency,
    staggerSeconds: project.staggerSeconds,
    timeoutSeconds: project.timeoutSeconds,
    testCommand: project.testCommand,
    budgetUsd: project.budgetUsd ?? null,
    resolveRounds: project.resolveRounds,
    packageBudgetUsd: project.packageBudgetUsd ?? null,
    minFreeMemoryMb: project.minFreeMemoryMb ?? null,
    maxLoadPerCore: project.maxLoadPerCore ?? null,
    ...defined(rest),
  });
  if (!parsed.success) throw new UserError(formatRunOptionIssues(parsed.error));
  return parsed.data;
}

type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

/** Writes a plan's packages and dependencies for a run (inside the caller's transaction). */
export async function writePackages(
  tx: Tx,
  runId: string,
  workPackages: WorkBreakdown["work_packages"],
): Promise<void> {
  const ids = new Map<string, string>();
  for (const [position, wp] of workPackages.entries()) {
    const details = Object.fromEntries(Object.entries(wp).filter(([key]) => !CORE_FIELDS.has(key)));
    const pkg = await tx.workPackage.create({
      data: {
        runId,
        wpId: wp.id,
        position,
        name: wp.name.trim(),
        scope: wp.scope.trim(),
        expectedOutputs: JSON.stringify(wp.expected_outputs),
        details: JSON.stringify(details),
      },
    });
    ids.set(wp.id, pkg.id);
  }
  for (const wp of workPackages) {
    for (const dep of new Set(wp.dependencies)) {
      const dependsOnId = ids.get(dep);
      if (dependsOnId) await tx.workPackageDependency.create({ data: { workPackageId: ids.get(wp.id)!, dependsOnId } });
    }
  }
}

/**
 * Everything that can refuse a run, checked before anything is written: the plan, the options
 * and the agent (installed, and willing to run here). Works for a project not registered yet.
 */
export async function checkRunInput(project: ProjectRunDefaults, input: Omit<CreateRunInput, "projectId">) {
  const validation = validateWbs(input.wbs);
  if (!validation.ok) {
    throw new UserError(
      `The plan has ${validation.errors.length} problem(s):\n${validation.errors.map((e) => `- ${e.message}`).join("\n")}`,
    );
  }
  const options = runOptionsFor(project, input.options);
  const agent = await checkAgent(options.agent, options.agentSettings);
  if (!agent.available) throw new UserError(`Nothing was launched. ${agent.message}`);
  return { options, validation, agent };
}

export async function createRun(db: Database, input: CreateRunInput) {
  const project = await db.project.findUnique({ where: { id: input.projectId } });
  if (!project) throw new UserError("That project does not exist", "not_found");
  const { options, validation, agent } = await checkRunInput(project, input);

  // A slug is taken by a run in the database, or by any branch of that name left in the
  // repository (a deleted run's branch kept because it was checked out): its packages' too.
  const taken = new Set(
    (await db.run.findMany({ where: { projectId: project.id }, select: { slug: true } })).map((r) => r.slug),
  );
  for (const branch of await listBranches(project.repoPath)) {
    const owner = /^flotilla\/(.+?)(?:--[^/]*)?$/.exec(branch)?.[1];
    if (owner) taken.add(owner);
  }
  const slug = uniqueSlug(slugify(input.wbs.task), taken);

  const { task, created, work_packages, ...wbsExtra } = input.wbs;
  const run = await db.$transaction(async (tx) => {
    const row = await tx.run.create({
      data: {
        projectId: project.id,
        slug,
        task,
        status: "planned",
        options: JSON.stringify(options),
        wbsExtra: JSON.stringify(wbsExtra),
        wbsCreatedAt: created && !Number.isNaN(Date.parse(created)) ? new Date(created) : new Date(),
      },
    });
    await writePackages(tx, row.id, work_packages);
    await appendEvent(tx, {
      type: "run.created",
      projectId: project.id,
      runId: row.id,
      payload: { packages: work_packages.length, warnings: validation.warnings.map((w) => w.message) },
    });
    return row;
  });
  // Files two parallel packages are likely to both change: said, never a reason to refuse.
  const shared: WbsProblem[] = (await sharedFileWarnings(project.repoPath, options.baseBranch, input.wbs)).map((w) => ({
    severity: "warning",
    code: "shared-file",
    message: w.message,
    wpId: w.packages[0],
    related: [w.packages[1]],
  }));
  return { run, warnings: [...validation.warnings, ...shared], agentNote: agent.available ? agent.note : null };
}
