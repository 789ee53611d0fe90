// Which tests failed, and which passed only on their retry, from vitest's and Playwright's JSON
// reports: scripts/test.mjs prints them under its summary and .ci/run under its own, so the last
// lines CI keeps name the test and its first message line.
//
//   node scripts/test-failures.mjs VITEST_REPORT   prints "failed: …" and "flaky …" lines
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Names and first message lines of failed vitest tests, so the summary (all CI keeps) says which. */
export function vitestFailures(report) {
  const out = [];
  for (const file of report?.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    // A file that failed with no failed test: it did not load, or a hook failed.
    if (file.status === "failed" && !tests.some((t) => t.status === "failed"))
      out.push(`${path.relative(root, file.name)}: ${firstLine(file.message)}`);
    for (const t of tests)
      if (t.status === "failed")
        out.push(`${path.relative(root, file.name)} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  }
  return out;
}

/** Tests that failed first and passed on their retry (vitest.config.ts allows one), with the first failure. */
export function vitestFlaky(report) {
  const out = [];
  for (const file of report?.testResults ?? [])
    for (const t of file.assertionResults ?? [])
      if (t.status === "passed" && t.failureMessages?.length)
        out.push(`${path.relative(root, file.name)} > ${t.fullName}: ${firstLine(t.failureMessages[0])}`);
  return out;
}

/** The same from Playwright's JSON report: tests with `status` ("unexpected": failed, "flaky": passed on retry). */
export function playwrightFailures(report, status = "unexpected") {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === status)
          out.push(
            `${spec.file}:${spec.line} > ${spec.title}: ${firstLine(t.results?.find((r) => r.error)?.error?.message)}`,
          );
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return out;
}

function firstLine(text) {
  return (
    (text ?? "")
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .find((l) => l.trim()) ?? "(no message)"
  );
}

/** The lines printed under a stage's count. */
export function failureLines({ failures = [], flaky = [] }) {
  return [
    ...failures.map((f) => `        failed: ${f.slice(0, 400)}`),
    ...flaky.map((f) => `        flaky (passed on retry): ${f.slice(0, 400)}`),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let report = null;
  try {
    report = JSON.parse(readFileSync(process.argv[2], "utf8"));
  } catch {
    // no report: the count line already says the stage failed
  }
  for (const line of failureLines({ failures: vitestFailures(report), flaky: vitestFlaky(report) })) console.log(line);
}
