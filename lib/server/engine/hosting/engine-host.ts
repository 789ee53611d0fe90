// The web server's orchestrator: watches for running runs nobody drives (new launches, runs
// whose CLI or previous server died) and drives them, one loop per run. Kept on globalThis so
// dev hot reload does not start a second host.
import { EventEmitter } from "node:events";
import { db } from "@/lib/server/db/client";
import { databaseProvider, resolveDatabaseUrl, resolveDataDir } from "@/lib/server/db/database-url";
import { createChangeSignals, type ChangeSignals } from "@/lib/server/runs/change-signals";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { drivableRuns, newOwnerId, type EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { RunElsewhereError } from "@/lib/server/engine/hosting/lease";
import { startWebhookSender } from "@/lib/server/webhooks/send-webhooks";
import { deliverMissed } from "@/lib/server/delivery/auto-deliver";
import { localRunnerName, startLocalRunner } from "@/lib/server/runners/local-runner";
import { lazyAttemptQueue } from "@/lib/server/queue/attempt-queue";

export class EngineHost {
  readonly events = new EventEmitter();
  /** What wakes the run pages' live streams (this engine's moves and the database's own signals). */
  readonly signals: ChangeSignals = createChangeSignals(this.events, resolveDatabaseUrl());
  readonly ctx: EngineContext;
  private readonly driving = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | null = null;

  constructor() {
    this.events.setMaxListeners(1000);
    this.ctx = {
      db: db(),
      dataDir: resolveDataDir(),
      owner: newOwnerId("server"),
      now: () => new Date(),
      leaseMs: 15_000,
      notify: (runId) => this.events.emit("run-changed", runId),
      runner: localRunnerName(),
      sharedDatabase: databaseProvider(resolveDatabaseUrl()) === "postgresql",
      ...(databaseProvider(resolveDatabaseUrl()) === "postgresql"
        ? { queue: lazyAttemptQueue(resolveDatabaseUrl()) }
        : {}),
    };
  }

  private delivering = false;

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () => void this.scan().catch((err) => console.error("[flotilla] engine scan failed:", err)),
      2_000,
    );
    this.timer.unref();
    void this.scan().catch((err) => console.error("[flotilla] engine scan failed:", err));
    // This machine is a runner: registered with its heartbeat while the server runs.
    void startLocalRunner(this.ctx.db, this.ctx.runner).catch((err) =>
      console.error("[flotilla] registering this machine as a runner failed:", err),
    );
    // The webhook outbox is sent beside the runs, never inside a tick.
    startWebhookSender(this.ctx.db);
  }

  /** Drives `runId` now (after a launch, retry or cancel from this server). */
  kick(runId: string): void {
    if (this.driving.has(runId)) return;
    const abort = new AbortController();
    this.driving.set(runId, abort);
    void driveRun(this.ctx, runId, { intervalMs: 500, signal: abort.signal, onTick: () => this.ctx.notify(runId) })
      // A run of another machine (shared database) is that machine's to drive: nothing to log.
      .catch((err) => err instanceof RunElsewhereError || console.error(`[flotilla] driving run ${runId} failed:`, err))
      .finally(() => {
        this.driving.delete(runId);
        this.ctx.notify(runId);
      });
  }

  private async scan(): Promise<void> {
    const now = this.ctx.now();
    const orphans = await this.ctx.db.run.findMany({
      where: {
        status: "running",
        OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: now } }],
        AND: [drivableRuns(this.ctx)],
      },
      select: { id: true },
    });
    for (const run of orphans) this.kick(run.id);
    // A run that completed while no one could deliver it (or whose delivery died) is delivered now.
    if (!this.delivering) {
      this.delivering = true;
      void deliverMissed(this.ctx.db, now)
        .catch((err) => console.error("[flotilla] delivering completed runs failed:", err))
        .finally(() => (this.delivering = false));
    }
  }
}

const holder = globalThis as typeof globalThis & { __flotillaEngine?: EngineHost };

export function engineHost(): EngineHost {
  if (!holder.__flotillaEngine) {
    holder.__flotillaEngine = new EngineHost();
    holder.__flotillaEngine.start();
  }
  return holder.__flotillaEngine;
}
