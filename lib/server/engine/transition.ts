// The one writer of package and run statuses: each move is checked against the transition
// tables in lib/core/run/transitions.ts, and the row and its event are written in one transaction.
// A move the tables do not allow is an engine bug: it throws in tests (and with
// FLOTILLA_STRICT_TRANSITIONS=1); elsewhere it is logged and written, so a run never stalls on it.
import type { EventType } from "@/lib/core/events/event-types";
import { PACKAGE_STATUSES, RUN_STATUSES, type PackageStatus, type RunStatus } from "@/lib/core/run/statuses";
import { canMovePackage, canMoveRun, IllegalTransitionError } from "@/lib/core/run/transitions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/server/db/client";
import { appendEvent, type NewEvent } from "@/lib/server/events/append-event";

const strict = () => process.env.VITEST === "true" || process.env.FLOTILLA_STRICT_TRANSITIONS === "1";

const packageSources = (to: PackageStatus) => PACKAGE_STATUSES.filter((from) => canMovePackage(from, to));
const runSources = (to: RunStatus) => RUN_STATUSES.filter((from) => canMoveRun(from, to));

type PackageData = Omit<Prisma.WorkPackageUpdateManyMutationInput, "status">;
type RunData = Omit<Prisma.RunUpdateManyMutationInput, "status">;

/** Moves a package to `to` (with the other fields in `data`) and records `event`, atomically. */
export async function movePackage<T extends EventType>(
  db: Database,
  pkg: { id: string; wpId: string },
  to: PackageStatus,
  data: PackageData = {},
  event?: NewEvent<T>,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const moved = await tx.workPackage.updateMany({
      where: { id: pkg.id, status: { in: packageSources(to) } },
      data: { ...data, status: to },
    });
    if (moved.count === 0) {
      const current = await tx.workPackage.findUnique({ where: { id: pkg.id }, select: { status: true } });
      const error = new IllegalTransitionError("package", pkg.wpId, current?.status ?? "(deleted)", to);
      if (strict() || !current) throw error;
      console.error(`[flotilla] ${error.message}`);
      await tx.workPackage.update({ where: { id: pkg.id }, data: { ...data, status: to } });
    }
    if (event) await appendEvent(tx, event);
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
  await db.$transaction(async (tx) => {
    const moved = await tx.run.updateMany({
      where: { id: runId, status: { in: runSources(to) } },
      data: { ...data, status: to },
    });
    if (moved.count === 0) {
      const current = await tx.run.findUnique({ where: { id: runId }, select: { status: true } });
      const error = new IllegalTransitionError("run", runId, current?.status ?? "(deleted)", to);
      if (strict() || !current) throw error;
      console.error(`[flotilla] ${error.message}`);
      await tx.run.update({ where: { id: runId }, data: { ...data, status: to } });
    }
    if (event) await appendEvent(tx, event);
  });
}
