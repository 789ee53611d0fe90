// `npm test`: type check, lint, format check, unit and integration tests (vitest), browser tests (Playwright).
// Every stage runs even when an earlier one fails, so one run shows every problem; the last line
// is a plain "N passed, N failed" total and the exit code is non-zero on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { failureLines, playwrightFailures, vitestFailures, vitestFlaky } from "./test-failures.mjs";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, "test-results");
mkdirSync(reports, { recursive: true });
const vitestReport = path.join(reports, "vitest-report.json");
const playwrightReport = path.join(reports, "e2e-report.json");
for (const file of [vitestReport, playwrightReport]) rmSync(file, { force: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.FORCE_COLOR ?? "0" };
const run = (args) => spawnSync("npx", ["--no-install", ...args], { cwd: root, stdio: "inherit", env }).status ?? 1;
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

const results = [];

console.log("\n=== Type check (tsc) ===");
const tscStatus = run(["tsc", "--noEmit", "-p", "."]);
results.push({
  stage: "Type check",
  passed: tscStatus === 0 ? 1 : 0,
  failed: tscStatus === 0 ? 0 : 1,
  ok: tscStatus === 0,
});

for (const [stage, args] of [
  ["Lint", ["eslint", "."]],
  ["Format", ["prettier", "--check", "."]],
]) {
  console.log(`\n=== ${stage} (${args[0]}) ===`);
  const status = run(args);
  if (status !== 0 && stage === "Format") console.log('Some files are not formatted: run "npm run format".');
  results.push({ stage, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, ok: status === 0 });
}

console.log("\n=== Unit and integration tests (vitest) ===");
const vitestStatus = run([
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
const vitest = readJson(vitestReport);
const vitestFailed = vitestFailures(vitest);
if (vitestStatus !== 0 && !vitestFailed.length)
  vitestFailed.push(
    `vitest exited with status ${vitestStatus} and no failed test: an unhandled error (see its output above)`,
  );
results.push({
  stage: "Unit and integration tests",
  passed: vitest?.numPassedTests ?? 0,
  failed: vitest ? vitest.numFailedTests + (vitestStatus !== 0 && vitest.numFailedTests === 0 ? 1 : 0) : 1,
  ok: vitestStatus === 0,
  failures: vitestFailed,
  flaky: vitestFlaky(vitest),
});

console.log("\n=== Browser tests (Playwright, Chromium) ===");
const playwrightStatus = run(["playwright", "test"]);
const playwright = readJson(playwrightReport);
const stats = playwright?.stats;
results.push({
  stage: "Browser tests",
  passed: stats ? stats.expected + stats.flaky : 0,
  failed: stats ? stats.unexpected + (playwrightStatus !== 0 && stats.unexpected === 0 ? 1 : 0) : 1,
  ok: playwrightStatus === 0,
  failures: playwrightFailures(playwright),
  flaky: playwrightFailures(playwright, "flaky"),
});

/** The PostgreSQL tests need a server install (lib/testing/postgres-cluster.ts looks the same way). */
function hasPostgresServer() {
  const dirs = (process.env.PATH ?? "").split(path.delimiter);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) for (const v of readdirSync(debian)) dirs.push(path.join(debian, v, "bin"));
  return dirs.some((dir) => dir && existsSync(path.join(dir, "initdb")));
}

console.log("\n=== Summary ===");
if (!hasPostgresServer())
  console.log(
    "note  PostgreSQL tests were SKIPPED: no PostgreSQL server is installed (apt-get install postgresql); CI runs them.",
  );
for (const r of results) {
  console.log(`${r.ok ? "ok  " : "FAIL"}  ${r.stage}: ${r.passed} passed, ${r.failed} failed`);
  for (const line of failureLines(r)) console.log(line);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
