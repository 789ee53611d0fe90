// The run page's Server-Sent Events: a "changed" message whenever something about the run
// changed (a new event in the append-only log, from any process, or a log file that grew), at
// most one per 200 ms, and a ping every 15 s. The page refetches what the message names.
import path from "node:path";
import { fileSize } from "@/lib/node/files/read-tail";
import type { Database } from "@/lib/server/db/client";
import type { EventEmitter } from "node:events";

const POLL_MS = 200;
const PING_MS = 15_000;

export function runChangeStream(
  db: Database,
  runId: string,
  signal: AbortSignal,
  emitter?: EventEmitter,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let timer: NodeJS.Timeout | null = null;
  let ping: NodeJS.Timeout | null = null;
  let lastEventId = -1;
  let lastSizes = "";
  let poke = false;
  const onChange = (changed: string) => {
    if (changed === runId) poke = true;
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const stop = () => {
        if (timer) clearInterval(timer);
        if (ping) clearInterval(ping);
        emitter?.off("run-changed", onChange);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", stop, { once: true });
      emitter?.on("run-changed", onChange);
      send("retry: 2000\n\n");

      const check = async () => {
        const latest = await db.event.findFirst({ where: { runId }, orderBy: { id: "desc" }, select: { id: true } });
        const running = await db.attempt.findMany({
          where: { workPackage: { runId }, status: { in: ["running", "starting"] } },
          select: { logPath: true, dir: true, workPackage: { select: { wpId: true } } },
        });
        const sizes: Record<string, number> = {};
        for (const a of running) {
          const file = a.logPath ?? (a.dir ? path.join(a.dir, "agent.log") : null);
          if (file) sizes[a.workPackage.wpId] = (await fileSize(file)) ?? 0;
        }
        const sizeKey = JSON.stringify(sizes);
        const eventId = latest?.id ?? 0;
        if (eventId !== lastEventId || sizeKey !== lastSizes || poke) {
          const statusChanged = eventId !== lastEventId || poke;
          lastEventId = eventId;
          lastSizes = sizeKey;
          poke = false;
          send(`event: changed\ndata: ${JSON.stringify({ status: statusChanged, logs: sizes })}\n\n`);
        }
      };
      let busy = false;
      timer = setInterval(() => {
        if (busy || signal.aborted) return;
        busy = true;
        check()
          .catch(() => undefined)
          .finally(() => {
            busy = false;
          });
      }, POLL_MS);
      ping = setInterval(() => send(": ping\n\n"), PING_MS);
    },
    cancel() {
      if (timer) clearInterval(timer);
      if (ping) clearInterval(ping);
      emitter?.off("run-changed", onChange);
    },
  });
}
