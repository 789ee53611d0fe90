// Launching a run and keeping its workspace in place: the feature branch, the integration
// worktree where merges and tests happen, and the run folder. Safe to call on every tick.
import { abortAndReset, isDirty } from "@/lib/node/git/git-ops";
import { moveRun } from "@/lib/server/engine/state/transition";
import { mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { UserError } from "@/lib/server/errors";
import { serializeWbs } from "@/lib/core/wbs/parse-wbs";
import { checkAgent, findOnPath } from "@/lib/node/agents/agent-availability";
import { queueRunners } from "@/lib/server/runners/remote-dispatch";
import { ensureBranch, ensureWorktree, resolveCommit } from "@/lib/node/git/git-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { featureBranchOf, runPaths } from "@/lib/server/engine/state/run-paths";
import { loadRunSnapshot, toWorkBreakdown, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

/** The user chose to run without the test gate (the base is red in a way that cannot be judged). */
export async function disableTestGate(db: EngineContext["db"], runId: string): Promise<void> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  if (run.status !== "planned") throw new UserError("The test gate can only be changed before launch", "conflict");
  await db.run.update({
    where: { id: runId },
    data: { options: JSON.stringify({ ...JSON.parse(run.options), testGate: "off" }) },
  });
}

/** Moves a planned run to running: checks the agent exists, records the base commit. */
export async function launchRun(ctx: EngineContext, runId: string): Promise<void> {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const { run, options } = snapshot;
  if (run.status === "running") return;
  if (run.status !== "planned")
    throw new UserError(`Run ${run.slug} is ${run.status}; only a planned run can be launched`, "conflict");
  const agent = await checkAgent(options.agent, options.agentSettings);
  // An agent installed only on the runner hosts is fine: they run its attempts.
  const onRunnerHosts =
    !agent.available &&
    agent.program !== null &&
    findOnPath(agent.program) === null &&
    run.project.remote !== null &&
    (await queueRunners(ctx, options.agent)).length > 0;
  if (!agent.available && !onRunnerHosts) throw new UserError(`Nothing was launched. ${agent.message}`);

  const baseCommit = await resolveCommit(run.project.repoPath, options.baseBranch).catch(() => {
    throw new UserError(
      `The base branch "${options.baseBranch}" does not exist in ${run.project.repoPath}: choose one that does`,
    );
  });
  const paths = runPaths(ctx.dataDir, run.id);
  await moveRun(
    ctx.db,
    run.id,
    "running",
    {
      featureBranch: featureBranchOf(run.slug),
      baseCommit,
      runDir: paths.runDir,
      startedAt: ctx.now(),
      statusReason: null,
      runner: ctx.runner ?? null,
    },
    {
      type: "run.launched",
      projectId: run.projectId,
      runId: run.id,
      payload: { agent: options.agent, baseCommit },
    },
  );
  await ensureWorkspace(ctx, await loadRunSnapshot(ctx.db, run.id));
  ctx.notify(run.id);
}

/** Creates whatever of the run's workspace is missing, and cleans the integration worktree. */
export async function ensureWorkspace(ctx: EngineContext, snapshot: RunSnapshot): Promise<void> {
  const { run } = snapshot;
  if (!run.featureBranch || !run.baseCommit) throw new Error(`run ${run.id} has not been launched`);
  const paths = runPaths(ctx.dataDir, run.id);
  await mkdir(paths.runDir, { recursive: true });
  if (!existsSync(paths.wbsFile)) await writeFile(paths.wbsFile, serializeWbs(toWorkBreakdown(snapshot)));
  const repo = run.project.repoPath;
  await withRepoLock(repo, async () => {
    await ensureBranch(repo, run.featureBranch!, run.baseCommit!);
    await ensureWorktree(repo, paths.integration, run.featureBranch!, run.baseCommit!);
  });
  // A crash during a merge or a test run can leave the integration worktree dirty.
  if (await isDirty(paths.integration)) await abortAndReset(paths.integration);
}
