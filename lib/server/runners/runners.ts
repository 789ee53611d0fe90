// The Runners page's data and its two actions: every registered runner with what it runs now,
// and Drain / Resume. A draining runner finishes the packages it has begun (their reviews and
// fixes too) and starts no new ones; its ready packages wait and say why.
import { AGENT_KINDS, type AgentKind } from "@/lib/core/agents/agent-types";
import { runnerState, type RunnerState } from "@/lib/core/runners/runner-state";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { localRunnerName } from "./local-runner";

export interface RunnerView {
  id: string;
  name: string;
  host: string;
  version: string;
  agents: AgentKind[];
  /** Agents at once; null: each run's concurrency and the machine's admission decide. */
  capacity: number | null;
  /** The machine of the server answering (the one whose dashboard this is). */
  local: boolean;
  state: RunnerState;
  /** Draining, even while lost (a lost runner that comes back stays drained). */
  draining: boolean;
  heartbeatAt: string;
  startedAt: string;
  running: Array<{
    runId: string;
    runSlug: string;
    task: string;
    wpId: string;
    role: string;
    startedAt: string | null;
  }>;
}

function parseAgents(json: string): AgentKind[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((k): k is AgentKind => AGENT_KINDS.includes(k as AgentKind)) : [];
  } catch {
    return [];
  }
}

export async function listRunners(db: Database, now = new Date()): Promise<RunnerView[]> {
  const runners = await db.runner.findMany({ orderBy: { name: "asc" } });
  const running = await db.attempt.findMany({
    where: { status: { in: ["starting", "running"] }, runner: { in: runners.map((r) => r.name) } },
    orderBy: { createdAt: "asc" },
    select: {
      runner: true,
      role: true,
      startedAt: true,
      workPackage: { select: { wpId: true, run: { select: { id: true, slug: true, task: true } } } },
    },
  });
  return runners.map((r) => ({
    id: r.id,
    name: r.name,
    host: r.host,
    version: r.version,
    agents: parseAgents(r.agents),
    capacity: r.capacity,
    local: r.name === localRunnerName(),
    state: runnerState(r, now),
    draining: r.status === "draining",
    heartbeatAt: r.heartbeatAt.toISOString(),
    startedAt: r.startedAt.toISOString(),
    running: running
      .filter((a) => a.runner === r.name)
      .map((a) => ({
        runId: a.workPackage.run.id,
        runSlug: a.workPackage.run.slug,
        task: a.workPackage.run.task,
        wpId: a.workPackage.wpId,
        role: a.role,
        startedAt: a.startedAt?.toISOString() ?? null,
      })),
  }));
}

/** Drain (`drain: true`) or resume a runner; repeating either is harmless (one event per change). */
export async function setRunnerDraining(db: Database, id: string, drain: boolean): Promise<RunnerView> {
  const status = drain ? "draining" : "active";
  await db.$transaction(async (tx) => {
    const runner = await tx.runner.findUnique({ where: { id }, select: { name: true } });
    if (!runner)
      throw new UserError("There is no such runner: it may have been removed; reload the Runners page", "not_found");
    const { count } = await tx.runner.updateMany({ where: { id, status: { not: status } }, data: { status } });
    if (count === 1)
      await appendEvent(tx, {
        type: drain ? "runner.drain_requested" : "runner.resumed",
        payload: { runner: runner.name },
      });
  });
  return (await listRunners(db)).find((r) => r.id === id)!;
}
