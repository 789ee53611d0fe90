// Sending an attempt to the runner hosts instead of starting it here. With a shared database
// (Postgres), a project remote and a runner host that takes work (`flotilla runner`), the
// orchestrator pushes the commit the attempt starts from to the remote, writes the attempt's
// job on its row (data only) and sends its id through the queue. One-machine use never comes
// here: without a runner host, attempts start on this machine as before.
import { readFile } from "node:fs/promises";
import { RUNNER_LOST_MS } from "@/lib/core/runners/runner-state";
import { QUEUED_ROLES, type AttemptDispatch } from "@/lib/core/runners/attempt-job";
import type { AgentKind, AgentRole } from "@/lib/core/agents/agent-types";
import { resolveCommit } from "@/lib/node/git/git-ops";
import { pushBranch, pushCommit, remoteUrlOf, withoutCredentials } from "@/lib/node/git/remote-ops";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

/**
 * Runner hosts other than this machine that are up (registered and beating; draining ones too,
 * whose queue waits for them to resume or another host to come). With none up, attempts run here.
 */
export async function queueRunners(ctx: EngineContext, agent?: AgentKind): Promise<string[]> {
  if (!ctx.sharedDatabase || !ctx.queue) return [];
  const rows = await ctx.db.runner.findMany({
    where: {
      capacity: { not: null },
      heartbeatAt: { gt: new Date(ctx.now().getTime() - RUNNER_LOST_MS) },
      ...(ctx.runner ? { name: { not: ctx.runner } } : {}),
    },
    select: { name: true, agents: true },
  });
  return rows.filter((r) => !agent || runnerHasAgent(r.agents, agent)).map((r) => r.name);
}

/** Whether a runner's registered agents (JSON) include `agent`. */
export function runnerHasAgent(agentsJson: string, agent: AgentKind): boolean {
  try {
    const list: unknown = JSON.parse(agentsJson);
    return Array.isArray(list) && list.includes(agent);
  } catch {
    return false;
  }
}

/** Whether this step goes to the queue: a role runners take, a project remote and a runner host. */
export async function goesToQueue(ctx: EngineContext, snapshot: RunSnapshot, role: AgentRole): Promise<boolean> {
  if (!(QUEUED_ROLES as readonly string[]).includes(role)) return false;
  if (!snapshot.run.project.remote) return false;
  // Only hosts that have the run's agent take its attempts; with none, they run here.
  return (await queueRunners(ctx, snapshot.options.agent)).length > 0;
}

export interface QueuedStep {
  role: (typeof QUEUED_ROLES)[number];
  /** The file holding the agent's prompt (written by the step that starts it). */
  promptFile: string;
  /** The worktree whose HEAD the attempt starts from (the package's). */
  worktree: string;
  branch: string;
  maxBudgetUsd?: number;
}

/** Pushes the start commit, records the job on the attempt and sends it; the runner takes it from there. */
export async function dispatchAttempt(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  attemptId: string,
  step: QueuedStep,
): Promise<void> {
  const { run } = snapshot;
  const repo = run.project.repoPath;
  const remoteUrl = await remoteUrlOf(repo, run.project.remote!);
  if (!remoteUrl)
    throw new Error(
      `the project's remote "${run.project.remote}" is not a remote of ${repo}: set a URL or an existing remote in the project's settings`,
    );
  const startCommit = await resolveCommit(step.worktree, "HEAD");
  await pushCommit(repo, remoteUrl, startCommit, step.branch);
  const dispatch: AttemptDispatch = {
    remoteUrl,
    branch: step.branch,
    startCommit,
    prompt: await readFile(step.promptFile, "utf8"),
    invocation: {
      role: step.role,
      ...(step.maxBudgetUsd !== undefined ? { maxBudgetUsd: step.maxBudgetUsd } : {}),
    },
    pushBack: step.role === "implement" || step.role === "fix",
    sentAt: ctx.now().toISOString(),
  };
  await ctx.db.attempt.update({
    where: { id: attemptId },
    data: { remote: true, runner: null, status: "starting", dispatch: JSON.stringify(dispatch) },
  });
  const queue = await ctx.queue!();
  await queue.send(attemptId);
}

/**
 * After a merge while runner hosts work on the run: the feature branch goes to the remote too, so
 * the team sees the run's progress there. A failed push is said, never fatal: the merge stands
 * and the next one pushes again.
 */
export async function publishFeatureBranch(ctx: EngineContext, snapshot: RunSnapshot): Promise<void> {
  const { run } = snapshot;
  if (!run.project.remote || !run.featureBranch || (await queueRunners(ctx)).length === 0) return;
  try {
    // Never forced: a feature branch someone moved on the remote is left as it is, and said.
    const pushed = await pushBranch(run.project.repoPath, run.project.remote, run.featureBranch);
    if (pushed.exitCode !== 0)
      console.error(
        `[flotilla] pushing ${run.featureBranch} to the project's remote was refused: ${withoutCredentials(pushed.stderr.trim()).slice(0, 500)}`,
      );
  } catch (err) {
    console.error(`[flotilla] pushing ${run.featureBranch} to the project's remote failed:`, (err as Error).message);
  }
}
