// Starts an attempt's worker: the agent program looked up on the user's PATH first, a detached
// wrapper marked with the attempt's id, and the attempt recorded as running with the program and
// version that run. Implementations, reviewers and fixes all start this way.
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentCommand, AgentInvocation } from "@/lib/core/agents/agent-types";
import { remainingForPackage } from "@/lib/core/run/budget";
import { packageSpent } from "@/lib/server/engine/reconcile/budget-stop";
import { agentRuntime } from "@/lib/node/flotilla-home";
import { attemptReasonColumns, movePackage } from "../state/transition";
import { resolveAgentCommand } from "@/lib/node/agents/resolve-agent-command";
import { launchWorker, type WorkerSpec } from "@/lib/node/process/worker-process";
import type { EngineContext } from "../hosting/engine-context";
import type { RunSnapshot } from "../state/run-snapshot";
import { dispatchAttempt, goesToQueue, type QueuedStep } from "@/lib/server/runners/remote-dispatch";
import { QUEUED_ROLES } from "@/lib/core/runners/attempt-job";

export async function launchAttempt(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  attemptId: string,
  command: Extract<AgentCommand, { ok: true }>,
  spec: Pick<WorkerSpec, "dir" | "cwd" | "stdinFile" | "setup">,
  queued?: QueuedStep,
): Promise<{ pid: number | null; startedAt: Date }> {
  if (queued && (await goesToQueue(ctx, snapshot, queued.role))) {
    await dispatchAttempt(ctx, snapshot, attemptId, queued);
    return { pid: null, startedAt: ctx.now() };
  }
  const resolved = await resolveAgentCommand(snapshot.options.agent, command);
  const pid = await launchWorker({
    ...spec,
    attemptId,
    command: resolved.command,
    args: resolved.args,
    env: resolved.env,
    timeoutMs: snapshot.options.timeoutSeconds * 1000,
    graceMs: snapshot.options.graceSeconds * 1000,
  });
  const startedAt = ctx.now();
  await ctx.db.attempt.update({
    where: { id: attemptId },
    data: { pid, status: "running", startedAt, agentProgram: resolved.program, agentVersion: resolved.version },
  });
  return { pid, startedAt };
}

/**
 * Starts a step in a package's worktree (a reviewer, a fix, a conflict round): the agent's command
 * for `role`, or, when the agent cannot build one, the attempt and the package failed with why.
 * Returns false when it could not start.
 */
export async function launchStep(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: RunSnapshot["packages"][number],
  attemptId: string,
  step: Pick<AgentInvocation, "role" | "instructionsPath" | "resumeSessionId" | "conflictFiles">,
  spec: { dir: string; cwd: string },
): Promise<boolean> {
  const maxBudgetUsd = remainingForPackage(
    { spentUsd: snapshot.run.costUsd, budgetUsd: snapshot.options.budgetUsd },
    { spentUsd: packageSpent(pkg), capUsd: snapshot.options.packageBudgetUsd },
  );
  const command = AGENTS[snapshot.options.agent].buildCommand({
    ...step,
    settings: snapshot.options.agentSettings,
    runId: snapshot.run.id,
    wpId: pkg.wpId,
    runtime: agentRuntime(),
    maxBudgetUsd,
  });
  if (!command.ok) {
    const reason = { code: "start_failed", why: command.message } as const;
    await ctx.db.attempt.update({
      where: { id: attemptId },
      data: { status: "failed", ...attemptReasonColumns(reason), endedAt: ctx.now() },
    });
    await movePackage(ctx.db, pkg, "failed", { reason });
    return false;
  }
  const role = step.role;
  const queued =
    (QUEUED_ROLES as readonly string[]).includes(role) && pkg.branch
      ? {
          role: role as QueuedStep["role"],
          promptFile: step.instructionsPath,
          worktree: spec.cwd,
          branch: pkg.branch,
          ...(maxBudgetUsd !== undefined ? { maxBudgetUsd } : {}),
        }
      : undefined;
  await launchAttempt(ctx, snapshot, attemptId, command, { ...spec, stdinFile: step.instructionsPath }, queued);
  return true;
}
