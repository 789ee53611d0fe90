// The event log is append-only: this is the only writer, and nothing updates or deletes events.
import type { Database } from "@/lib/server/db/client";

export interface NewEvent {
  type: string;
  projectId?: string;
  runId?: string;
  workPackageId?: string;
  payload?: Record<string, unknown>;
}

type EventWriter = Pick<Database, "event">;

export async function appendEvent(db: EventWriter, event: NewEvent): Promise<void> {
  await db.event.create({
    data: {
      type: event.type,
      projectId: event.projectId,
      runId: event.runId,
      workPackageId: event.workPackageId,
      payload: JSON.stringify(event.payload ?? {}),
    },
  });
}
