// Which tests failed, read from a test runner's output: TAP, JUnit XML, and the failure lines of
// node:test, vitest, jest, pytest and go test. null means the failures cannot be told apart
// (only the exit code says something is red).

const PATTERNS: Array<{ name: string; line: RegExp }> = [
  // TAP (node --test without a TTY, prove, tap): "not ok 3 - parses dates" (not "# TODO"/"# SKIP").
  { name: "tap", line: /^\s*not ok \d+\s*-?\s*(.+?)\s*(?:#.*)?$/ },
  // go test: "--- FAIL: TestParse (0.00s)"
  { name: "go", line: /^\s*--- FAIL: (\S+)/ },
  // pytest: "FAILED tests/test_x.py::test_y - AssertionError"
  { name: "pytest", line: /^FAILED (\S+?)(?: - .*)?$/ },
  // vitest: " FAIL  src/a.test.ts > suite > name"
  { name: "vitest", line: /^\s*FAIL\s+(\S+\.[cm]?[jt]sx?\s+>.+?)\s*$/ },
  // jest: "  ● suite › name"
  { name: "jest", line: /^\s*● (.+ › .+?)\s*$/ },
  // node:test spec reporter: "✖ name (1.2ms)"
  { name: "node-spec", line: /^\s*✖ (.+?)(?: \([\d.]+m?s\))?\s*$/ },
];

/** Failed test names in JUnit XML: every <testcase> holding a <failure> or <error>. */
function junitFailures(output: string): string[] | null {
  if (!/<testsuites?[\s>]/.test(output)) return null;
  const failures: string[] = [];
  for (const match of output.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    if (!match[2] || !/<(failure|error)\b/.test(match[2])) continue;
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(match[1])?.[1] ?? "";
    failures.push([attr("classname"), attr("name")].filter(Boolean).join("."));
  }
  return failures;
}

/**
 * The failed tests in `output` of a run that exited with `exitCode`. Returns [] for a green run,
 * a sorted list of names when the runner's output tells them apart, or null when it does not.
 */
export function parseTestFailures(output: string, exitCode: number | null): string[] | null {
  if (exitCode === 0) return [];
  const junit = junitFailures(output);
  if (junit && junit.length > 0) return [...new Set(junit)].sort();
  const found = new Set<string>();
  for (const raw of output.split("\n")) {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
    // The summary "✖ failing tests:" header of node's spec reporter is not a test.
    if (/^\s*✖ failing tests:?\s*$/.test(line)) continue;
    // TAP's "# TODO" and "# SKIP" directives mark expected failures and skips.
    if (/^\s*not ok\b.*#\s*(TODO|SKIP)\b/i.test(line)) continue;
    for (const { line: pattern } of PATTERNS) {
      const match = pattern.exec(line);
      if (match) {
        found.add(match[1].trim());
        break;
      }
    }
  }
  return found.size > 0 ? [...found].sort() : null;
}

export type GateVerdict =
  { pass: true; note: string | null } | { pass: false; reason: string; newFailures: string[] | null };

/** Compares a merge's test result with the base's: only new failures block a merge. */
export function judgeAgainstBaseline(
  result: { exitCode: number | null; failures: string[] | null },
  baseline: { exitCode: number | null; failures: string[] | null } | null,
): GateVerdict {
  if (result.exitCode === 0) return { pass: true, note: null };
  if (!baseline || baseline.exitCode === 0)
    return {
      pass: false,
      reason: "the tests fail after the merge (they passed on the base)",
      newFailures: result.failures,
    };
  if (baseline.failures === null || result.failures === null) {
    return {
      pass: false,
      reason: "the tests fail, and their failures cannot be told apart from the base's",
      newFailures: null,
    };
  }
  const known = new Set(baseline.failures);
  const fresh = result.failures.filter((f) => !known.has(f));
  if (fresh.length === 0) {
    return { pass: true, note: `as red as the base: ${result.failures.length} failing test(s), none new` };
  }
  return {
    pass: false,
    reason: `${fresh.length} new failing test(s): ${fresh.slice(0, 5).join(", ")}${fresh.length > 5 ? "…" : ""}`,
    newFailures: fresh,
  };
}
