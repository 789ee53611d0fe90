// The event log is append-only: this is the only writer, and nothing updates or deletes events.
// It takes only the events declared in lib/core/events/event-types.ts, with their payloads.
import { EVENT_PAYLOADS, type EventPayload, type EventType } from "@/lib/core/events/event-types";
import type { Database } from "@/lib/server/db/client";

export interface NewEvent<T extends EventType = EventType> {
  type: T;
  projectId?: string;
  runId?: string;
  workPackageId?: string;
  payload?: EventPayload<T>;
}

type EventWriter = Pick<Database, "event">;

export async function appendEvent<T extends EventType>(db: EventWriter, event: NewEvent<T>): Promise<void> {
  // A payload of the wrong shape is a bug: it throws here rather than reaching a reader.
  const payload = EVENT_PAYLOADS[event.type].parse(event.payload ?? {});
  await db.event.create({
    data: {
      type: event.type,
      projectId: event.projectId,
      runId: event.runId,
      workPackageId: event.workPackageId,
      payload: JSON.stringify(payload),
    },
  });
}
