// Log throughput: ten workers each writing 1 MB/s for 30 s while a browser-like client follows one
// log (the SSE stream, then the log by byte offset, as the log panel does). Nothing may be lost:
// every byte written is stored and every stored byte reaches the client. Reports the server's
// CPU time and peak memory (its own process, not the detached workers).
import { statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { logAgentProject, logPlan, startRun } from "./bench-project";
import { cpuSeconds, peakMemoryMb, type BenchServer } from "./server";

/** Follows one package's log like the dashboard: on each change message, fetch from the last offset. */
function followLog(base: string, runId: string, wpId: string) {
  let offset = 0;
  let received = 0;
  let fetching = false;
  let known = 0;
  const abort = new AbortController();
  const pull = async () => {
    if (fetching) return;
    fetching = true;
    try {
      while (offset < known) {
        const chunk = (await (
          await fetch(`${base}/api/runs/${runId}/work-packages/${wpId}/log?offset=${offset}`)
        ).json()) as { text: string; nextOffset: number; size: number };
        received += Buffer.byteLength(chunk.text);
        if (chunk.nextOffset === offset) break;
        offset = chunk.nextOffset;
        known = Math.max(known, chunk.size);
      }
    } finally {
      fetching = false;
    }
  };
  const done = (async () => {
    const response = await fetch(`${base}/api/runs/${runId}/events`, { signal: abort.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done: ended } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (ended) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, cut))?.[1];
        buffer = buffer.slice(cut + 2);
        if (!data) continue;
        known = Math.max(known, (JSON.parse(data) as { logs: Record<string, number> }).logs[wpId] ?? 0);
        void pull();
      }
    }
  })();
  return {
    /** Reads the rest of the log once the writers are done, then stops following. */
    async finish(finalSize: number) {
      known = Math.max(known, finalSize);
      while (fetching) await new Promise((r) => setTimeout(r, 20));
      await pull();
      abort.abort();
      await done.catch(() => {});
      return received;
    },
  };
}

export async function measureThroughput(
  server: BenchServer,
  seconds: number,
  workers = 10,
  bytesPerSecond = 1024 * 1024,
) {
  const projectId = await logAgentProject(server, "throughput", `default=rate:${bytesPerSecond}:${seconds}`, workers);
  const cpuBefore = cpuSeconds(server.serverPid);
  const start = performance.now();
  const runId = await startRun(server, projectId, logPlan("throughput", workers));
  const follower = followLog(server.base, runId, "WP-1");

  let status = "running";
  while (status === "running") {
    await new Promise((r) => setTimeout(r, 500));
    status = ((await (await fetch(`${server.base}/api/runs/${runId}/state`)).json()) as { run: { status: string } }).run
      .status;
    if (performance.now() - start > (seconds + 120) * 1000) throw new Error("the run did not finish");
  }
  const wall = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(server.serverPid) - cpuBefore;
  const expected = seconds * Math.floor(bytesPerSecond / 20) * 20;
  const stored = Array.from(
    { length: workers },
    (_, i) => statSync(path.join(server.dataDir, "runs", runId, `WP-${i + 1}`, "output.md")).size,
  );
  const followedSize = statSync(path.join(server.dataDir, "runs", runId, "WP-1", "agent.log")).size;
  const received = await follower.finish(followedSize);
  return {
    status,
    writtenBytes: expected * workers,
    storedBytes: stored.reduce((a, b) => a + b, 0),
    lostBytes: stored.reduce((sum, size) => sum + Math.max(0, expected - size), 0),
    followedBytes: followedSize,
    receivedBytes: received,
    wallSeconds: wall,
    serverCpuSeconds: cpu,
    serverCores: cpu / wall,
    serverPeakMb: peakMemoryMb(server.serverPid),
  };
}
