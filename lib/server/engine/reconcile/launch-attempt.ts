// Starts an attempt's worker: the agent program looked up on the user's PATH first, a detached
// wrapper marked with the attempt's id, and the attempt recorded as running with the program and
// version that run. Implementations, reviewers and fixes all start this way.
import type { AgentCommand } from "@/lib/core/agents/agent-types";
import { resolveAgentCommand } from "@/lib/node/agents/resolve-agent-command";
import { launchWorker, type WorkerSpec } from "@/lib/node/process/worker-process";
import type { EngineContext } from "../hosting/engine-context";
import type { RunSnapshot } from "../state/run-snapshot";

export async function launchAttempt(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  attemptId: string,
  command: Extract<AgentCommand, { ok: true }>,
  spec: Pick<WorkerSpec, "dir" | "cwd" | "stdinFile" | "setup">,
): Promise<{ pid: number; startedAt: Date }> {
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
