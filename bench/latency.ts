// Live latency: from a worker's log growing, and from an event another process writes to the
// database, to an SSE client of the running server seeing it.
import { appendFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { tinyRepository } from "./bench-project";
import { openDatabase } from "@/lib/server/db/client";
import { appendEvent } from "@/lib/server/events/append-event";
import type { BenchServer } from "./server";

const percentiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)], p95: sorted[Math.floor(sorted.length * 0.95)] };
};

/**
 * `server` must run the demo agent slowly (FLOTILLA_DEMO_DELAY_MS), so its package stays running.
 * `databaseUrl` is the server's database: events are appended through a connection of this process.
 */
export async function measureLatency(server: BenchServer, events: number, databaseUrl: string) {
  const wbs = {
    task: "latency",
    work_packages: [{ id: "WP-1", name: "Idle", scope: "s", expected_outputs: ["src/a.js"], dependencies: [] }],
  };
  const created = await fetch(`${server.base}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ repo: tinyRepository(), wbs, agent: "demo", staggerSeconds: 0, reviewMode: "off" }),
  });
  const { runId } = (await created.json()) as { runId: string };
  const log = path.join(server.dataDir, "runs", runId, "WP-1", "agent.log");
  for (const deadline = Date.now() + 60_000; !existsSync(log);) {
    if (Date.now() > deadline) throw new Error("the package did not start");
    await new Promise((r) => setTimeout(r, 100));
  }

  let seen = 0;
  let statusMessages = 0;
  let waiter = null as { size: number; resolve: () => void } | null;
  let statusWaiter = null as { count: number; resolve: () => void } | null;
  const abort = new AbortController();
  const response = await fetch(`${server.base}/api/runs/${runId}/events`, { signal: abort.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const message = JSON.parse(data) as { status: boolean; logs: Record<string, number> };
        seen = Math.max(seen, message.logs["WP-1"] ?? 0);
        if (message.status) statusMessages++;
        if (statusWaiter && statusMessages >= statusWaiter.count) {
          statusWaiter.resolve();
          statusWaiter = null;
        }
        if (waiter && seen >= waiter.size) {
          waiter.resolve();
          waiter = null;
        }
      }
    }
  })();

  const latencies: number[] = [];
  for (let i = 0; i < events; i++) {
    const size = statSync(log).size + `event ${i}\n`.length;
    const seenIt = new Promise<void>((resolve) => (waiter = { size, resolve }));
    const start = performance.now();
    appendFileSync(log, `event ${i}\n`);
    await seenIt;
    latencies.push(performance.now() - start);
  }

  const db = openDatabase(databaseUrl);
  const eventLatencies: number[] = [];
  await new Promise((r) => setTimeout(r, 500)); // let the launch's own messages pass
  for (let i = 0; i < events; i++) {
    const seenIt = new Promise<void>((resolve) => (statusWaiter = { count: statusMessages + 1, resolve }));
    const start = performance.now();
    await appendEvent(db, { type: "run.plan_saved", runId, payload: { packages: 1 } });
    await seenIt;
    eventLatencies.push(performance.now() - start);
  }
  await db.$disconnect();
  abort.abort();
  await fetch(`${server.base}/api/runs/${runId}/cancel`, { method: "POST" });
  return { log: percentiles(latencies), event: percentiles(eventLatencies) };
}
