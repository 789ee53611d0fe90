// What tells a run page's stream that the database may have changed, without polling it:
// - this process's engine (its notify callback, on every move it makes);
// - on SQLite, the database file's folder: any process's write (the CLI, a second server) touches
//   the file or its journal;
// - on PostgreSQL, LISTEN on the channel that a trigger on "Event" notifies from any host.
// One watcher or LISTEN connection per process, shared by every open stream.
import type { EventEmitter } from "node:events";
import path from "node:path";
import pg from "pg";
import { watchFolder } from "@/lib/node/files/watch-folder";
import { databaseProvider } from "@/lib/server/db/database-url";

/** The channel the "Event" insert trigger notifies (prisma/postgres/migrations/…_event_notify). */
export const EVENTS_CHANNEL = "flotilla_events";

export type Unsubscribe = () => void;

export interface ChangeSignals {
  /**
   * Calls `listener` when something about `runId` may have changed: with true when the signal
   * named this run, false when it could be any run (a write to the SQLite file). Returns the unsubscribe.
   */
  subscribe(runId: string, listener: (namedThisRun: boolean) => void): Unsubscribe;
}

const noop = () => {};

type Source = (emit: (runId: string | null) => void) => Unsubscribe;

/** Fans one set of sources out to per-run listeners; a source runs only while someone listens. */
class SignalHub implements ChangeSignals {
  private readonly listeners = new Map<string, Set<(namedThisRun: boolean) => void>>();
  private stopSources: Unsubscribe[] = [];

  constructor(private readonly sources: Source[]) {}

  private emit = (runId: string | null) => {
    const targets = runId === null ? [...this.listeners.values()] : [this.listeners.get(runId) ?? new Set()];
    for (const set of targets) for (const listener of set) listener(runId !== null);
  };

  subscribe(runId: string, listener: (namedThisRun: boolean) => void): Unsubscribe {
    if (this.listeners.size === 0) this.stopSources = this.sources.map((source) => source(this.emit));
    const set = this.listeners.get(runId) ?? new Set();
    set.add(listener);
    this.listeners.set(runId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(runId);
      if (this.listeners.size === 0) {
        for (const stop of this.stopSources) stop();
        this.stopSources = [];
      }
    };
  }
}

function engineSource(emitter: EventEmitter): Source {
  return (emit) => {
    const onChange = (runId: string) => emit(runId);
    emitter.on("run-changed", onChange);
    return () => emitter.off("run-changed", onChange);
  };
}

/** Any write to the SQLite file (or its journal) by any process: which run it was is not known. */
function sqliteFileSource(databaseUrl: string): Source {
  const file = databaseUrl.slice("file:".length).split("?")[0];
  const base = path.basename(file);
  return (emit) =>
    watchFolder(
      path.dirname(file),
      (name) => name.startsWith(base),
      () => emit(null),
    ) ?? noop;
}

/** NOTIFY from the "Event" trigger, on one LISTEN connection that reconnects after a failure. */
function postgresSource(connectionString: string): Source {
  return (emit) => {
    let client: pg.Client | null = null;
    let stopped = false;
    let retry: NodeJS.Timeout | null = null;
    const connect = () => {
      const next = new pg.Client({ connectionString, keepAlive: true });
      client = next;
      const again = () => {
        next.removeAllListeners();
        // A late socket error on the dropped client must find a listener, or it would crash the server.
        next.on("error", noop);
        void next.end().catch(() => undefined);
        if (!stopped && !retry) {
          retry = setTimeout(() => {
            retry = null;
            connect();
          }, 1_000);
          retry.unref();
        }
        emit(null); // whatever happened while disconnected: let every stream look once
      };
      next.on("notification", (message) => emit(message.payload || null));
      next.on("error", again);
      next.on("end", () => !stopped && again());
      next
        .connect()
        .then(() => next.query(`LISTEN ${EVENTS_CHANNEL}`))
        // What happened between a stream's first look (or a reconnect) and LISTEN: look once more.
        .then(() => emit(null))
        .catch(again);
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      void client?.end().catch(() => undefined);
    };
  };
}

export function createChangeSignals(emitter: EventEmitter, databaseUrl: string): ChangeSignals {
  const database =
    databaseProvider(databaseUrl) === "postgresql" ? postgresSource(databaseUrl) : sqliteFileSource(databaseUrl);
  return new SignalHub([engineSource(emitter), database]);
}
