// Drives a run to the end from this process: takes the lease (waiting for another holder's to
// expire if it is gone), ticks until the run settles, and renews the lease as it goes.
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { acquireLease, assertDrivableHere, leaseRemainingMs, releaseLease } from "@/lib/server/engine/hosting/lease";
import { tick } from "@/lib/server/engine/reconcile/tick";
import { deliverOnCompletion } from "@/lib/server/delivery/auto-deliver";

export interface DriveOptions {
  /** Pause between ticks. */
  intervalMs: number;
  /** Called while another orchestrator holds the lease. */
  onWaitingForLease?: (remainingMs: number) => void;
  /** Stops driving (the run keeps its state; workers keep running). */
  signal?: AbortSignal;
  /** Called after every tick (awaited: the next tick waits for it). */
  onTick?: (status: string) => void | Promise<void>;
}

/** Waits `ms`, or less if aborted; the abort listener is removed either way (ticks are many). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Returns the run's final status, or "running" when aborted before it settled. */
export async function driveRun(ctx: EngineContext, runId: string, options: DriveOptions): Promise<string> {
  await assertDrivableHere(ctx, runId);
  // Renews the lease while a long tick (a slow test suite) runs, so no one else takes over.
  const heartbeat = setInterval(
    () => void acquireLease(ctx, runId).catch(() => undefined),
    Math.max(250, ctx.leaseMs / 3),
  );
  let verified = false;
  try {
    while (!options.signal?.aborted) {
      if (!(await acquireLease(ctx, runId))) {
        const status = (await ctx.db.run.findUnique({ where: { id: runId }, select: { status: true } }))?.status;
        if (status && status !== "running") return status;
        options.onWaitingForLease?.(await leaseRemainingMs(ctx, runId));
        await sleep(options.intervalMs, options.signal);
        continue;
      }
      // The workspace is verified on the first tick; a tick that throws ends the drive, and the
      // next drive verifies again.
      const { status } = await tick(ctx, runId, { verifyWorkspace: !verified });
      verified = true;
      await options.onTick?.(status);
      if (status !== "running") {
        // "When a run completes" (the project's setting): before the drive ends, so the CLI delivers before it exits.
        if (status === "completed") await deliverOnCompletion(ctx.db, runId);
        return status;
      }
      await sleep(options.intervalMs, options.signal);
    }
    return "running";
  } finally {
    clearInterval(heartbeat);
    await releaseLease(ctx, runId);
  }
}
