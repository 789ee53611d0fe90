// One orchestrator drives a run at a time: it holds a lease it renews on every tick. A lease
// that is not renewed expires, and the next orchestrator to look takes the run over.
import { drivableRuns, type EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { UserError } from "@/lib/server/errors";

/** A run launched on another machine (shared database): only that machine drives it. */
export class RunElsewhereError extends UserError {
  constructor(
    readonly runId: string,
    readonly runner: string,
  ) {
    super(
      `Run ${runId} runs its agents on ${runner}: its workers, worktrees and logs are there. ` +
        `Resume or drive it on that machine (npx flotilla resume --run ${runId}).`,
      "conflict",
    );
  }
}

/** Throws RunElsewhereError when the run belongs to another machine's runner. */
export async function assertDrivableHere(ctx: EngineContext, runId: string): Promise<void> {
  if (!ctx.sharedDatabase || !ctx.runner) return;
  const run = await ctx.db.run.findUnique({ where: { id: runId }, select: { runner: true } });
  if (run?.runner && run.runner !== ctx.runner) throw new RunElsewhereError(runId, run.runner);
}

/** Takes or renews the lease; false when another live orchestrator holds it. */
export async function acquireLease(ctx: EngineContext, runId: string): Promise<boolean> {
  const now = ctx.now();
  const { count } = await ctx.db.run.updateMany({
    where: {
      id: runId,
      OR: [{ leaseOwner: null }, { leaseOwner: ctx.owner }, { leaseExpiresAt: { lt: now } }],
      AND: [drivableRuns(ctx)],
    },
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
