// The CLI's orchestrator: the same engine as the web server, with this process as lease owner.
import { asPackageStatus, describePackageStatus } from "@/lib/core/run/statuses";
import { databaseProvider, resolveDatabaseUrl, resolveDataDir } from "@/lib/server/db/database-url";
import { openDatabase } from "@/lib/server/db/client";
import { ensureMigrated } from "@/lib/server/db/ensure-migrated";
import { flotillaHome } from "@/lib/node/flotilla-home";
import { startLocalRunner } from "@/lib/server/runners/local-runner";
import { lazyAttemptQueue } from "@/lib/server/queue/attempt-queue";
import { newOwnerId, type EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { drainWebhooks, startWebhookSender } from "@/lib/server/webhooks/send-webhooks";

export async function cliEngine(): Promise<EngineContext> {
  const url = resolveDatabaseUrl();
  const db = openDatabase(url);
  await ensureMigrated(db, url, flotillaHome());
  // This machine is a runner while the CLI drives (the heartbeat timer never keeps it alive).
  const runner = await startLocalRunner(db);
  return {
    db,
    dataDir: resolveDataDir(),
    owner: newOwnerId("cli"),
    now: () => new Date(),
    leaseMs: Number(process.env.FLOTILLA_LEASE_MS ?? 15_000),
    notify: () => {},
    runner: runner.name,
    sharedDatabase: databaseProvider(url) === "postgresql",
    ...(databaseProvider(url) === "postgresql" ? { queue: lazyAttemptQueue(url) } : {}),
  };
}

/** Drives a run until it settles, printing package changes to stderr. Ctrl+C stops driving only. */
export async function driveFromCli(ctx: EngineContext, runId: string): Promise<string> {
  const abort = new AbortController();
  const onSignal = () => {
    process.stderr.write(
      `\nStopped watching. The agents keep running; continue with: npx flotilla resume --run ${runId}\n`,
    );
    abort.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const seen = new Map<string, string>();
  let lastEventId =
    (await ctx.db.event.findFirst({ where: { runId }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  let waitingShown = false;
  // Webhooks go out while the CLI drives; before it exits, pending ones get a short chance.
  const webhooks = startWebhookSender(ctx.db);
  try {
    return await driveRun(ctx, runId, {
      intervalMs: Number(process.env.FLOTILLA_TICK_MS ?? 500),
      signal: abort.signal,
      onWaitingForLease: (ms) => {
        if (!waitingShown)
          process.stderr.write(
            `Another orchestrator is driving this run; waiting (its lease expires in ${Math.ceil(ms / 1000)} s if it is gone)…\n`,
          );
        waitingShown = true;
      },
      onTick: async () => {
        // Restarts can pass through pending within one tick: say them from the event log.
        const restarts = await ctx.db.event.findMany({
          where: { runId, type: "package.restarted_after_loss", id: { gt: lastEventId } },
          orderBy: { id: "asc" },
        });
        for (const e of restarts) {
          lastEventId = e.id;
          const { wpId } = JSON.parse(e.payload) as { wpId: string };
          process.stderr.write(
            `${wpId}: its worker was lost (killed, or the machine restarted); starting a fresh attempt\n`,
          );
          seen.delete(wpId);
        }
        const packages = await ctx.db.workPackage.findMany({
          where: { runId },
          select: { wpId: true, status: true, statusReason: true },
        });
        for (const p of packages) {
          if (seen.get(p.wpId) === p.status) continue;
          seen.set(p.wpId, p.status);
          process.stderr.write(
            `${p.wpId}: ${describePackageStatus(asPackageStatus(p.status))}${p.statusReason ? ` (${p.statusReason})` : ""}\n`,
          );
        }
      },
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    // A POST under way ends within its own timeout; the drain is bounded too.
    void webhooks.stop();
    await drainWebhooks(ctx.db, { maxMs: 5_000 });
  }
}

/** Finds a run by id or by its slug. */
export async function findRunId(ctx: EngineContext, idOrSlug: string): Promise<string> {
  const byId = await ctx.db.run.findUnique({ where: { id: idOrSlug }, select: { id: true } });
  if (byId) return byId.id;
  const bySlug = await ctx.db.run.findMany({ where: { slug: idOrSlug }, select: { id: true } });
  if (bySlug.length === 1) return bySlug[0].id;
  const { CliUsageError } = await import("./cli-error");
  throw new CliUsageError(
    bySlug.length > 1
      ? `Several runs are called ${idOrSlug}: give the run id`
      : `There is no run ${idOrSlug}: check the id`,
  );
}
