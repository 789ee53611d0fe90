// This machine as a runner: the server and the CLI register it (by host name, or
// FLOTILLA_RUNNER_NAME) and keep its heartbeat while they run agents, so the Runners page shows
// where agents run and Drain can stop this machine from taking more. The server and a CLI on the
// same machine share its row.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AGENT_KINDS, agentSettingsSchema, type AgentKind } from "@/lib/core/agents/agent-types";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { RUNNER_HEARTBEAT_MS, RUNNER_LOST_MS } from "@/lib/core/runners/runner-state";
import { findOnPath } from "@/lib/node/agents/agent-availability";
import { flotillaHome } from "@/lib/node/flotilla-home";
import type { Database } from "@/lib/server/db/client";

/** Flotilla's own version (its package.json), shown per runner. */
export function flotillaVersion(): string {
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(/*turbopackIgnore: true*/ flotillaHome(), "package.json"), "utf8"),
    ) as { version?: string };
    return manifest.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function localRunnerName(env: NodeJS.ProcessEnv = process.env): string {
  const name = env.FLOTILLA_RUNNER_NAME?.trim() || os.hostname();
  return name.slice(0, 100);
}

/** The agent kinds this machine can run: built-in or command-defined ones, and CLIs found on PATH. */
export function availableAgents(): AgentKind[] {
  const settings = agentSettingsSchema.parse({});
  return AGENT_KINDS.filter((kind) => {
    const program = AGENTS[kind].program(settings);
    return program === null || findOnPath(program) !== null;
  });
}

export interface LocalRunner {
  name: string;
  stop(): void;
}

/** Writes this machine's row: a new or lost runner (re)starts; a live one only beats. */
async function beat(
  db: Database,
  name: string,
  fields: { host: string; version: string; agents: string; capacity?: number | null },
) {
  const now = new Date();
  const row = await db.runner.findUnique({ where: { name }, select: { heartbeatAt: true } });
  const restarting = !row || now.getTime() - row.heartbeatAt.getTime() > RUNNER_LOST_MS;
  await db.runner.upsert({
    where: { name },
    // A restart keeps the row's status: a drained machine stays drained until someone resumes it.
    create: { name, ...fields, heartbeatAt: now, startedAt: now },
    update: restarting ? { ...fields, heartbeatAt: now, startedAt: now } : { heartbeatAt: now },
  });
}

/**
 * Registers (or refreshes) this machine's row and beats its heartbeat until `stop()`. A beat
 * re-creates a row someone removed, and a failed first registration is retried on the next beat.
 */
export async function startLocalRunner(
  db: Database,
  name = localRunnerName(),
  options: { capacity?: number } = {},
): Promise<LocalRunner> {
  const fields = {
    host: os.hostname(),
    version: flotillaVersion(),
    agents: JSON.stringify(availableAgents()),
    // A runner host says how many agents it takes; this machine's server and CLI leave it to admission.
    ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
  };
  const timer = setInterval(() => {
    beat(db, name, fields).catch((err) => console.error("[flotilla] runner heartbeat failed:", err));
  }, RUNNER_HEARTBEAT_MS);
  timer.unref();
  try {
    await beat(db, name, fields);
  } catch (err) {
    clearInterval(timer);
    throw err;
  }
  return { name, stop: () => clearInterval(timer) };
}

/** True when the named runner is draining (a missing row never drains). */
export async function isDraining(db: Database, name: string): Promise<boolean> {
  const row = await db.runner.findUnique({ where: { name }, select: { status: true } });
  return row?.status === "draining";
}
