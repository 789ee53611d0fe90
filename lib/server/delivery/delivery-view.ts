// What the run pages and the API show of a run's delivery: the stored record, and where the
// next push would go (the project's remote, credentials masked) and its automatic setting.
import { parseDelivery, type DeliveryRecord } from "@/lib/core/delivery/delivery-record";
import { maskUrlCredentials } from "@/lib/core/delivery/remote-url";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";

export interface DeliveryView extends DeliveryRecord {
  /** The remote the next delivery pushes to ("origin" when the project names none). */
  configuredRemote: string;
  autoDeliver: string;
}

export function deliveryViewOf(run: {
  delivery: string;
  project: { remote: string | null; autoDeliver: string };
}): DeliveryView {
  return {
    ...parseDelivery(run.delivery),
    configuredRemote: maskUrlCredentials(run.project.remote ?? "origin"),
    autoDeliver: run.project.autoDeliver,
  };
}

export async function readDelivery(db: Database, runId: string): Promise<DeliveryView> {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: { delivery: true, project: { select: { remote: true, autoDeliver: true } } },
  });
  if (!run) throw new UserError(`There is no run ${runId}: check the id`, "not_found");
  return deliveryViewOf(run);
}
