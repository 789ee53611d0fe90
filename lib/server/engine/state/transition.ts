// The one writer of package and run statuses: each move is checked against the transition
// tables in lib/core/run/transitions.ts, and the row and its event are written in one transaction.
// A move the tables do not allow is an engine bug: it throws in tests (and with
// FLOTILLA_STRICT_TRANSITIONS=1); elsewhere it is logged and written, so a run never stalls on it.
import type { EventType } from "@/lib/core/events/event-types";
import { PACKAGE_STATUSES, RUN_STATUSES, type PackageStatus, type RunStatus } from "@/lib/core/run/statuses";
import { stopReasonColumns, type StopReason } from "@/lib/core/run/stop-reasons";
import { canMovePackage, canMoveRun, IllegalTransitionError } from "@/lib/core/run/transitions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { appendEvent, type NewEvent } from "@/lib/server/events/append-event";
import { enqueueForPackageMove, enqueueForRunMove } from "@/lib/server/webhooks/enqueue-webhooks";

const strict = () => process.env.VITEST === "true" || process.env.FLOTILLA_STRICT_TRANSITIONS === "1";

const packageSources = (to: PackageStatus) => PACKAGE_STATUSES.filter((from) => canMovePackage(from, to));
const runSources = (to: RunStatus) => RUN_STATUSES.filter((from) => canMoveRun(from, to));

/**
 * The other fields to write. `reason` says why it stopped (its words go to statusReason); without
 * one, the code of an earlier stop is cleared, and statusReason may carry a plain note.
 */
type PackageData = Omit<Prisma.WorkPackageUpdateManyMutationInput, "status" | "reasonCode" | "reasonDetail"> & {
  reason?: StopReason | null;
};
type RunData = Omit<Prisma.RunUpdateManyMutationInput, "status" | "reasonCode" | "reasonDetail"> & {
  reason?: StopReason | null;
};

/** A stop reason's columns, its words masked (an agent's failure text may carry a secret). */
export function maskedReasonColumns(reason: StopReason | null) {
  const columns = stopReasonColumns(reason);
  return { ...columns, statusReason: maskText(columns.statusReason) };
}

/** The same for an attempt, whose words go to failureReason. */
export function attemptReasonColumns(reason: StopReason) {
  const { statusReason, ...code } = maskedReasonColumns(reason);
  return { failureReason: statusReason, ...code };
}

function withReason<T extends { reason?: StopReason | null; statusReason?: unknown }>(data: T) {
  const { reason, ...rest } = data;
  if (reason === undefined) return { ...rest, reasonCode: null, reasonDetail: null };
  return { ...rest, ...maskedReasonColumns(reason) };
}

/** Moves a package to `to` (with the other fields in `data`) and records `event`, atomically. */
export async function movePackage<T extends EventType>(
  db: Database,
  pkg: { id: string; wpId: string },
  to: PackageStatus,
  data: PackageData = {},
  event?: NewEvent<T>,
): Promise<void> {
  const columns = { ...withReason(data), status: to };
  await db.$transaction(async (tx) => {
    const moved = await tx.workPackage.updateMany({
      where: { id: pkg.id, status: { in: packageSources(to) } },
      data: columns,
    });
    if (moved.count === 0) {
      const current = await tx.workPackage.findUnique({ where: { id: pkg.id }, select: { status: true } });
      const error = new IllegalTransitionError("package", pkg.wpId, current?.status ?? "(deleted)", to);
      if (strict() || !current) throw error;
      console.error(`[flotilla] ${error.message}`);
      await tx.workPackage.update({ where: { id: pkg.id }, data: columns });
    }
    if (event) await appendEvent(tx, event);
    await enqueueForPackageMove(tx, pkg.id, to);
  });
}

/** Moves a run to `to` (with the other fields in `data`) and records `event`, atomically. */
export async function moveRun<T extends EventType>(
  db: Database,
  runId: string,
  to: RunStatus,
  data: RunData = {},
  event?: NewEvent<T>,
): Promise<void> {
  const columns = { ...withReason(data), status: to };
  await db.$transaction(async (tx) => {
    const moved = await tx.run.updateMany({
      where: { id: runId, status: { in: runSources(to) } },
      data: columns,
    });
    if (moved.count === 0) {
      const current = await tx.run.findUnique({ where: { id: runId }, select: { status: true } });
      const error = new IllegalTransitionError("run", runId, current?.status ?? "(deleted)", to);
      if (strict() || !current) throw error;
      console.error(`[flotilla] ${error.message}`);
      await tx.run.update({ where: { id: runId }, data: columns });
    }
    if (event) await appendEvent(tx, event);
    await enqueueForRunMove(tx, runId, to);
  });
}
