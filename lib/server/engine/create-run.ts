// Creates a run from a validated WBS: the run row, one row per package and its dependencies.
// Nothing is half-made: an invalid plan creates nothing, and rows are written in one transaction.
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { runOptionsSchema, type RunOptions } from "@/lib/core/run/run-options";
import { slugify, uniqueSlug } from "@/lib/core/run/slug";
import { validateWbs } from "@/lib/core/wbs/validate-wbs";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { branchExists } from "@/lib/node/git/git-ops";
import { checkAgent } from "@/lib/node/agents/agent-availability";
import { appendEvent } from "@/lib/server/events/append-event";
import { featureBranchOf } from "./run-paths";

const CORE_FIELDS = new Set(["id", "name", "scope", "expected_outputs", "dependencies", "status"]);

export interface CreateRunInput {
  projectId: string;
  wbs: WorkBreakdown;
  options: Partial<RunOptions>;
}

/** The project's settings as run options, overridden by what the caller chose. */
export function runOptionsFor(
  project: { baseBranch: string; agent: string; agentSettings: string; concurrency: number; staggerSeconds: number; timeoutSeconds: number; testCommand: string | null; setupCommand: string | null; copyFiles: string; reviewMode: string; budgetUsd?: number | null },
  overrides: Partial<RunOptions>,
): RunOptions {
  const parsed = runOptionsSchema.safeParse({
    baseBranch: project.baseBranch,
    // "auto": reviewers when a real agent CLI does the work; the demo agent is not reviewed.
    reviewMode: project.reviewMode === "auto" ? ((overrides.agent ?? project.agent) === "demo" ? "off" : "spec+quality") : project.reviewMode,
    setupCommand: project.setupCommand,
    copyFiles: JSON.parse(project.copyFiles || "[]"),
    agent: project.agent,
    agentSettings: JSON.parse(project.agentSettings || "{}"),
    concurrency: project.concurrency,
    staggerSeconds: project.staggerSeconds,
    timeoutSeconds: project.timeoutSeconds,
    testCommand: project.testCommand,
    budgetUsd: project.budgetUsd ?? null,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  });
  if (!parsed.success) throw new UserError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

/** Writes a plan's packages and dependencies for a run (inside the caller's transaction). */
export async function writePackages(tx: Tx, runId: string, workPackages: WorkBreakdown["work_packages"]): Promise<void> {
  const ids = new Map<string, string>();
  for (const [position, wp] of workPackages.entries()) {
    const details = Object.fromEntries(Object.entries(wp).filter(([key]) => !CORE_FIELDS.has(key)));
    const pkg = await tx.workPackage.create({
      data: { runId, wpId: wp.id, position, name: wp.name.trim(), scope: wp.scope.trim(), expectedOutputs: JSON.stringify(wp.expected_outputs), details: JSON.stringify(details) },
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

export async function createRun(db: Database, input: CreateRunInput) {
  const project = await db.project.findUnique({ where: { id: input.projectId } });
  if (!project) throw new UserError("That project does not exist", "not_found");
  const validation = validateWbs(input.wbs);
  if (!validation.ok) {
    throw new UserError(`The plan has ${validation.errors.length} problem(s):\n${validation.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  const options = runOptionsFor(project, input.options);
  const agent = await checkAgent(options.agent, options.agentSettings);
  if (!agent.available) throw new UserError(`Nothing was launched. ${agent.message}`);

  const taken = new Set((await db.run.findMany({ where: { projectId: project.id }, select: { slug: true } })).map((r) => r.slug));
  let slug = uniqueSlug(slugify(input.wbs.task), taken);
  while (await branchExists(project.repoPath, featureBranchOf(slug))) slug = uniqueSlug(slug, new Set([...taken, slug]));

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
    await appendEvent(tx, { type: "run.created", projectId: project.id, runId: row.id, payload: { packages: work_packages.length, warnings: validation.warnings.map((w) => w.message) } });
    return row;
  });
  return { run, warnings: validation.warnings };
}
