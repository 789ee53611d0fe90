import { describe, expect, it } from "vitest";
import { judgeAgainstBaseline, parseTestFailures } from "./test-failures";
import { estimateParallelism } from "./parallelism";

describe("reading test failures", () => {
  it.each([
    [
      "TAP / node --test",
      "TAP version 13\nok 1 - adds\nnot ok 2 - parses dates\n  ---\nnot ok 3 - rounds # SKIP later\n1..3",
      ["parses dates"],
    ],
    ["go test", "=== RUN   TestParse\n--- FAIL: TestParse (0.00s)\n--- PASS: TestAdd (0.00s)\nFAIL", ["TestParse"]],
    [
      "pytest",
      "tests/test_a.py::test_b FAILED\n===== short test summary info =====\nFAILED tests/test_a.py::test_b - AssertionError: x\n1 failed, 2 passed",
      ["tests/test_a.py::test_b"],
    ],
    ["vitest", " FAIL  src/a.test.ts > dates > parses\nAssertionError", ["src/a.test.ts > dates > parses"]],
    ["jest", "  ● dates › parses ISO strings\n\n    expect(received)", ["dates › parses ISO strings"]],
    [
      "node spec",
      "✖ parses dates (1.2ms)\n✔ adds (0.1ms)\n✖ failing tests:\n\n✖ parses dates (1.2ms)",
      ["parses dates"],
    ],
    [
      "JUnit XML",
      '<testsuites><testsuite><testcase classname="Dates" name="parses"><failure message="x"/></testcase><testcase classname="Dates" name="adds"/></testsuite></testsuites>',
      ["Dates.parses"],
    ],
  ])("%s", (_name, output, failures) => {
    expect(parseTestFailures(output, 1)).toEqual(failures);
  });

  it("says green runs have no failures and unknown formats cannot be told apart", () => {
    expect(parseTestFailures("anything", 0)).toEqual([]);
    expect(parseTestFailures("Error: something is broken\n", 1)).toBeNull();
  });
});

describe("the test gate against the base", () => {
  const base = { exitCode: 1, failures: ["old flaky test"] };
  it("passes a green merge", () =>
    expect(judgeAgainstBaseline({ exitCode: 0, failures: [] }, base)).toEqual({ pass: true, note: null }));
  it("accepts a merge exactly as red as the base, and says so", () => {
    expect(judgeAgainstBaseline({ exitCode: 1, failures: ["old flaky test"] }, base)).toEqual({
      pass: true,
      note: "as red as the base: 1 failing test(s), none new",
    });
  });
  it("blocks a merge that adds a failure, naming it", () => {
    expect(judgeAgainstBaseline({ exitCode: 1, failures: ["new test", "old flaky test"] }, base)).toEqual({
      pass: false,
      reason: "1 new failing test(s): new test",
      newFailures: ["new test"],
    });
  });
  it("blocks any failure on a green base, and failures that cannot be told apart", () => {
    expect(judgeAgainstBaseline({ exitCode: 1, failures: null }, { exitCode: 0, failures: [] }).pass).toBe(false);
    expect(judgeAgainstBaseline({ exitCode: 1, failures: null }, { exitCode: 1, failures: null })).toMatchObject({
      pass: false,
      newFailures: null,
    });
  });
});

describe("parallelism estimate", () => {
  const p = (id: string, dependencies: string[] = []) => ({ id, dependencies });
  it("sees what independent packages gain", () => {
    expect(estimateParallelism([p("WP-1"), p("WP-2"), p("WP-3")], 3)).toMatchObject({
      longestChain: 1,
      maxAtOnce: 3,
      sequentialUnits: 3,
      parallelUnits: 1,
      pureChain: false,
    });
  });
  it("flags a pure chain as gaining nothing", () => {
    const chain = estimateParallelism([p("WP-1"), p("WP-2", ["WP-1"]), p("WP-3", ["WP-2"])], 3);
    expect(chain).toMatchObject({ longestChain: 3, maxAtOnce: 1, parallelUnits: 3, savedFraction: 0, pureChain: true });
  });
  it("respects the concurrency", () => {
    expect(
      estimateParallelism(
        ["WP-1", "WP-2", "WP-3", "WP-4", "WP-5"].map((id) => p(id)),
        2,
      ),
    ).toMatchObject({ parallelUnits: 3, maxAtOnce: 2 });
  });
});
