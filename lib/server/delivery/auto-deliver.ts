// "When a run completes": delivers a run that just completed when its project asks for it
// (push, or pull request). Claimed once through the delivery record (a compare-and-swap on the
// stored JSON), so a restart or a second orchestrator never delivers twice. Never throws: a
// failure is in the record's lastError for the run's pages to show.
import { parseDelivery, type DeliveryRecord } from "@/lib/core/delivery/delivery-record";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { deliverRun } from "./deliver-run";

export async function deliverOnCompletion(db: Database, runId: string): Promise<DeliveryRecord | null> {
  try {
    const run = await db.run.findUnique({
      where: { id: runId },
      select: { status: true, delivery: true, project: { select: { autoDeliver: true } } },
    });
    const mode = run?.project.autoDeliver;
    if (!run || run.status !== "completed" || (mode !== "push" && mode !== "pr")) return null;
    const record = parseDelivery(run.delivery);
    if (record.auto) return null;
    const claimed = await db.run.updateMany({
      where: { id: runId, delivery: run.delivery },
      data: { delivery: JSON.stringify({ ...record, auto: { mode, startedAt: new Date().toISOString() } }) },
    });
    if (claimed.count !== 1) return null;
    return await deliverRun(db, runId, { push: true, pr: mode === "pr", auto: true });
  } catch (err) {
    if (!(err instanceof UserError)) console.error(`[flotilla] delivering run ${runId} on completion failed:`, err);
    return null;
  }
}
