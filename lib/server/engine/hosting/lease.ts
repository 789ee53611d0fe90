// One orchestrator drives a run at a time: it holds a lease it renews on every tick. A lease
// that is not renewed expires, and the next orchestrator to look takes the run over.
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";

/** Takes or renews the lease; false when another live orchestrator holds it. */
export async function acquireLease(ctx: EngineContext, runId: string): Promise<boolean> {
  const now = ctx.now();
  const { count } = await ctx.db.run.updateMany({
    where: { id: runId, OR: [{ leaseOwner: null }, { leaseOwner: ctx.owner }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseOwner: ctx.owner, leaseExpiresAt: new Date(now.getTime() + ctx.leaseMs) },
  });
  return count === 1;
}

export async function releaseLease(ctx: EngineContext, runId: string): Promise<void> {
  await ctx.db.run.updateMany({
    where: { id: runId, leaseOwner: ctx.owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

/** Milliseconds until the current holder's lease expires (0 when free or expired). */
export async function leaseRemainingMs(ctx: EngineContext, runId: string): Promise<number> {
  const run = await ctx.db.run.findUnique({ where: { id: runId }, select: { leaseOwner: true, leaseExpiresAt: true } });
  if (!run?.leaseOwner || run.leaseOwner === ctx.owner || !run.leaseExpiresAt) return 0;
  return Math.max(0, run.leaseExpiresAt.getTime() - ctx.now().getTime());
}
