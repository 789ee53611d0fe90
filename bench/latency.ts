// Live latency: from a worker's log growing to an SSE client of the running server seeing it.
import { appendFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { tinyRepository } from "./bench-project";
import type { BenchServer } from "./server";

/** `server` must run the demo agent slowly (FLOTILLA_DEMO_DELAY_MS), so its package stays running. */
export async function measureLatency(server: BenchServer, events: number) {
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
  let waiter = null as { size: number; resolve: () => void } | null;
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
        seen = Math.max(seen, (JSON.parse(data) as { logs: Record<string, number> }).logs["WP-1"] ?? 0);
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
  abort.abort();
  await fetch(`${server.base}/api/runs/${runId}/cancel`, { method: "POST" });
  latencies.sort((a, b) => a - b);
  return { p50: latencies[Math.floor(latencies.length * 0.5)], p95: latencies[Math.floor(latencies.length * 0.95)] };
}
