// Everything the engine needs from the outside, passed in explicitly (a test gives its own
// database, data folder and clock).
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/server/db/client";
import type { MachineLoad } from "@/lib/core/run/admission";
import type { AttemptQueue } from "@/lib/server/queue/attempt-queue";

export interface EngineContext {
  db: Database;
  dataDir: string;
  /** Identifies this orchestrator in run leases. */
  owner: string;
  now: () => Date;
  /** How long a lease lasts without a heartbeat. */
  leaseMs: number;
  /** Called after anything in a run changed (live updates hook in here). */
  notify: (runId: string) => void;
  /** This machine's free memory and load, for admission (default: lib/node/process/machine-load; null: admission off). */
  machine?: () => MachineLoad | null;
  /**
   * The name of this machine's runner row (lib/server/runners/local-runner.ts): recorded on each
   * attempt it starts, and while that runner drains no new package starts. Absent: unregistered.
   */
  runner?: string;
  /**
   * The database is shared by several machines (PostgreSQL): a run is driven only by an
   * orchestrator on the runner it was launched on (its workers, worktrees and logs are there).
   */
  sharedDatabase?: boolean;
  /**
   * The attempt queue (pg-boss, lib/server/queue/attempt-queue.ts), opened on first use: with a
   * shared database and runner hosts registered, attempts go to them through it.
   */
  queue?: () => Promise<AttemptQueue>;
}

/** The part of a `where` on Run that keeps this orchestrator to the runs it may drive. */
export function drivableRuns(ctx: Pick<EngineContext, "runner" | "sharedDatabase">) {
  return ctx.sharedDatabase && ctx.runner ? { OR: [{ runner: null }, { runner: ctx.runner }] } : {};
}

export function newOwnerId(role: string): string {
  return `${role}@${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
