// The run page's Server-Sent Events: a "changed" message whenever something about the run
// changed (a new event in the append-only log or a package row written, by any process, or a
// log file that grew), and a ping every 15 s. The page refetches what the message names.
//
// Nothing polls on a fast timer: change signals (this process's engine, the database's own
// notifications, see change-signals.ts) start a look at the database, and a watcher on each
// running attempt's folder starts a look at its log's size. Bursts are coalesced (at most one look
// of each kind per MIN_GAP_MS, never two at once). A slow fallback look every FALLBACK_MS covers
// file systems without change events.
import path from "node:path";
import { shippedLogSize } from "./read-attempt-log";
import { fileSize } from "@/lib/node/files/read-tail";
import { watchFolder } from "@/lib/node/files/watch-folder";
import type { Database } from "@/lib/server/db/client";
import type { ChangeSignals } from "./change-signals";

const MIN_GAP_MS = 15;
const FALLBACK_MS = 2_000;
const PING_MS = 15_000;

interface RunningLog {
  wpId: string;
  file: string;
  /** A runner host's attempt: where this machine has no copy of its log, its pieces' size counts. */
  remoteAttemptId: string | null;
}

/** Runs `work` soon after each `trigger()`, never twice at once and at most once per `gapMs`. */
function coalesced(work: () => Promise<void>, gapMs: number) {
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  let stopped = false;
  const start = () => {
    timer = null;
    if (stopped) return;
    running = true;
    last = Date.now();
    work()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          trigger();
        }
      });
  };
  const trigger = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(start, Math.max(0, last + gapMs - Date.now()));
  };
  return {
    trigger,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export function runChangeStream(
  db: Database,
  runId: string,
  signal: AbortSignal,
  signals: ChangeSignals,
  { fallbackMs = FALLBACK_MS }: { fallbackMs?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const cleanups: Array<() => void> = [];
  let closed = false;
  const stopAll = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const stop = () => {
        stopAll();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      if (signal.aborted) {
        stop();
        return;
      }
      signal.addEventListener("abort", stop, { once: true });
      send("retry: 2000\n\n");

      let lastToken = "";
      let lastSizes = "";
      let logs: RunningLog[] = [];
      let watched = new Map<string, () => void>();
      let forced = false;

      const sizesOf = async () => {
        const sizes: Record<string, number> = {};
        for (const log of logs) {
          const local = await fileSize(log.file);
          sizes[log.wpId] = local ?? (log.remoteAttemptId ? await shippedLogSize(db, log.remoteAttemptId) : 0);
        }
        return sizes;
      };
      const publish = (sizes: Record<string, number>, statusChanged: boolean) => {
        const sizeKey = JSON.stringify(sizes);
        if (!statusChanged && sizeKey === lastSizes) return;
        lastSizes = sizeKey;
        send(`event: changed\ndata: ${JSON.stringify({ status: statusChanged, logs: sizes })}\n\n`);
      };
      /** Watches the folder of each running attempt's log; stops watching the ones that ended. */
      const follow = (next: RunningLog[]) => {
        logs = next;
        const wanted = new Map(next.map((log) => [log.file, log]));
        for (const [file, close] of watched) if (!wanted.has(file)) close();
        const kept = new Map<string, () => void>();
        for (const [file] of wanted) {
          const name = path.basename(file);
          // A folder not made yet is watched on a later look.
          const close = watched.get(file) ?? watchFolder(path.dirname(file), (n) => n === name, logLook.trigger);
          if (close) kept.set(file, close);
        }
        watched = kept;
      };

      const statusLook = coalesced(async () => {
        const wasForced = forced;
        forced = false;
        const latest = await db.event.findFirst({ where: { runId }, orderBy: { id: "desc" }, select: { id: true } });
        // Writes that append no event (a hold note, its clearing) still change a package row.
        const touched = await db.workPackage.aggregate({ where: { runId }, _max: { updatedAt: true } });
        const running = await db.attempt.findMany({
          where: { workPackage: { runId }, status: { in: ["running", "starting"] } },
          select: { id: true, remote: true, logPath: true, dir: true, workPackage: { select: { wpId: true } } },
        });
        if (closed) return;
        follow(
          running.flatMap((a) => {
            const file = a.logPath ?? (a.dir ? path.join(a.dir, "agent.log") : null);
            return file ? [{ wpId: a.workPackage.wpId, file, remoteAttemptId: a.remote ? a.id : null }] : [];
          }),
        );
        const token = `${latest?.id ?? 0}:${touched._max.updatedAt?.getTime() ?? 0}`;
        const changed = token !== lastToken || wasForced;
        lastToken = token;
        publish(await sizesOf(), changed);
      }, MIN_GAP_MS);
      const logLook = coalesced(async () => publish(await sizesOf(), false), MIN_GAP_MS);

      /** A signal that names this run (its engine moved it) says the status changed, event or not. */
      const poke = (namedThisRun: boolean) => {
        if (namedThisRun) forced = true;
        statusLook.trigger();
      };
      cleanups.push(
        signals.subscribe(runId, poke),
        () => statusLook.stop(),
        () => logLook.stop(),
        () => {
          for (const close of watched.values()) close();
          watched.clear();
        },
      );
      const fallback = setInterval(() => statusLook.trigger(), fallbackMs);
      const ping = setInterval(() => send(": ping\n\n"), PING_MS);
      cleanups.push(
        () => clearInterval(fallback),
        () => clearInterval(ping),
      );
      statusLook.trigger();
    },
    cancel() {
      stopAll();
    },
  });
}
