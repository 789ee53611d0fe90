// "When a run completes": delivers a run that just completed when its project asks for it
// (push, or pull request). Claimed through the delivery record (a compare-and-swap on the stored
// JSON), so a second orchestrator never delivers it at the same time; a claim whose delivery
// left no outcome for CLAIM_MS (the process died mid-push) is taken again, and the engine host
// looks for such runs (and runs that completed while no one delivered them) on every scan.
// Never throws: a failure is in the record's lastError for the run's pages to show.
import { parseDelivery, type DeliveryRecord } from "@/lib/core/delivery/delivery-record";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { deliverRun } from "./deliver-run";

/** How long a claim without an outcome holds (a push and a pull request take seconds). */
export const CLAIM_MS = 10 * 60_000;
/** Runs that completed longer ago than this are not delivered automatically any more. */
const RECENT_MS = 24 * 60 * 60_000;

/** Not claimed yet, or claimed by a delivery that died before it recorded how it went. */
export function claimable(record: DeliveryRecord, now: Date): boolean {
  if (!record.auto) return true;
  const startedAt = Date.parse(record.auto.startedAt);
  const finished = record.history.some((step) => step.auto && Date.parse(step.at) >= startedAt);
  return !finished && now.getTime() - startedAt > CLAIM_MS;
}

export async function deliverOnCompletion(
  db: Database,
  runId: string,
  now = new Date(),
): Promise<DeliveryRecord | null> {
  try {
    const run = await db.run.findUnique({
      where: { id: runId },
      select: { status: true, delivery: true, project: { select: { autoDeliver: true } } },
    });
    const mode = run?.project.autoDeliver;
    if (!run || run.status !== "completed" || (mode !== "push" && mode !== "pr")) return null;
    const record = parseDelivery(run.delivery);
    if (!claimable(record, now)) return null;
    const claimed = await db.run.updateMany({
      where: { id: runId, delivery: run.delivery },
      data: { delivery: JSON.stringify({ ...record, auto: { mode, startedAt: now.toISOString() } }) },
    });
    if (claimed.count !== 1) return null;
    return await deliverRun(db, runId, { push: true, pr: mode === "pr", auto: true });
  } catch (err) {
    if (!(err instanceof UserError)) console.error(`[flotilla] delivering run ${runId} on completion failed:`, err);
    return null;
  }
}

/** Recently completed runs whose automatic delivery never happened or died on the way. */
export async function deliverMissed(db: Database, now = new Date()): Promise<string[]> {
  const runs = await db.run.findMany({
    where: {
      status: "completed",
      finishedAt: { gte: new Date(now.getTime() - RECENT_MS) },
      project: { autoDeliver: { in: ["push", "pr"] } },
    },
    select: { id: true, delivery: true },
  });
  const missed = runs.filter((r) => claimable(parseDelivery(r.delivery), now)).map((r) => r.id);
  for (const id of missed) await deliverOnCompletion(db, id, now);
  return missed;
}
