// npm run bench [-- --quick]: prints a table and writes bench/results.json
// (one entry per measure: value, baseline, ratio, target, met).
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureLatency } from "./latency";
import { measureOverhead } from "./overhead";
import { measureScheduling } from "./scheduling";
import { measureSetupReuse } from "./setup-reuse";

interface Entry { measure: string; value: number; baseline: number | null; ratio: number | null; target: string; met: boolean | null; unit: string; note?: string }

const quick = process.argv.includes("--quick");
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const entries: Entry[] = [];

const graphs = quick ? 120 : 400;
console.log(`Scheduling efficiency over ${graphs} random plans…`);
const s = measureScheduling(graphs);
entries.push(
  { measure: "scheduling: makespan / lower bound, median", value: round(s.medianVsBound), baseline: round(s.barrierMedianVsBound), ratio: round(s.medianVsBound / s.barrierMedianVsBound), target: "≤ 1.10", met: s.medianVsBound <= 1.1, unit: "×", note: `wave barrier in 'baseline'; without size-aware priority: ${round(s.medianUnsizedVsBound)}` },
  { measure: "scheduling: makespan / lower bound, p90", value: round(s.p90VsBound), baseline: round(s.barrierP90VsBound), ratio: round(s.p90VsBound / s.barrierP90VsBound), target: "(reported)", met: null, unit: "×" },
  { measure: "scheduling: independent sets vs wave barrier, median", value: round(s.independentMedianVsBarrier), baseline: 1, ratio: round(s.independentMedianVsBarrier), target: "≤ 0.85", met: s.independentMedianVsBarrier <= 0.85, unit: "×" },
);

console.log("Set-up reuse (npm ci per package vs the integration worktree's node_modules)…");
const setup = await measureSetupReuse();
if ("skipped" in setup) {
  entries.push({ measure: "set-up: reuse vs npm ci per package", value: 0, baseline: null, ratio: null, target: "cheaper than npm ci", met: null, unit: "ms", note: `skipped: ${setup.skipped}` });
} else {
  entries.push({ measure: "set-up: reuse vs npm ci per package", value: round(setup.reuseMs, 0), baseline: round(setup.npmCiMs, 0), ratio: round(setup.reuseMs / setup.npmCiMs), target: "cheaper than npm ci", met: setup.reuseMs < setup.npmCiMs, unit: "ms" });
}

const files = quick ? 5_000 : 20_000;
console.log(`Orchestration overhead: 10 packages on a repository of ${files} files…`);
const overhead = await measureOverhead(files);
if ("skipped" in overhead) {
  entries.push({ measure: `overhead per package (${files} files)`, value: 0, baseline: null, ratio: null, target: "≤ 1.3 × hand-run git", met: null, unit: "ms", note: `skipped: ${overhead.skipped}` });
} else {
  const ratio = overhead.oursPerPackage / overhead.handPerPackage;
  entries.push({ measure: `overhead per package outside the agent (${files} files)`, value: round(overhead.oursPerPackage, 0), baseline: round(overhead.handPerPackage, 0), ratio: round(ratio), target: "≤ 1.3 × hand-run git", met: ratio <= 1.3, unit: "ms" });
}

const events = quick ? 150 : 1000;
console.log(`Live latency: ${events} log writes seen over Server-Sent Events…`);
const latency = await measureLatency(events);
entries.push(
  { measure: `live latency, p50 (${events} events)`, value: round(latency.p50, 0), baseline: null, ratio: null, target: "(reported)", met: null, unit: "ms" },
  { measure: `live latency, p95 (${events} events)`, value: round(latency.p95, 0), baseline: null, ratio: null, target: "≤ 250 ms", met: latency.p95 <= 250, unit: "ms" },
);

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
writeFileSync(path.join(import.meta.dirname, "results.json"), `${JSON.stringify({ date: new Date().toISOString(), machine, quick, entries }, null, 2)}\n`);

const rows = entries.map((e) => [e.measure, `${e.value}${e.unit}`, e.baseline === null ? "–" : `${e.baseline}${e.unit}`, e.ratio === null ? "–" : String(e.ratio), e.target, e.met === null ? "–" : e.met ? "yes" : "NO"]);
const header = ["measure", "value", "baseline", "ratio", "target", "met"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`\n${line(header)}\n| ${widths.map((w) => "-".repeat(w)).join(" | ")} |\n${rows.map(line).join("\n")}`);
for (const e of entries) if (e.note) console.log(`- ${e.measure}: ${e.note}`);
console.log(`\nMachine: ${machine}. Written to bench/results.json.`);
