import { describe, expect, it } from "vitest";
import { renderFixPrompt, renderReviewPrompt } from "./review-prompts";
import { stageAfter, stagesOf } from "./review-state";
import { formatIssue, parseVerdict } from "./verdict";

describe("reviewer verdicts", () => {
  it("reads the last JSON object with a verdict", () => {
    expect(parseVerdict('Looks fine.\n{"verdict":"approve","issues":[]}')).toEqual({ verdict: "approve", issues: [] });
    expect(
      parseVerdict(
        'draft {"verdict":"approve"}\nactually:\n```json\n{"verdict":"reject","issues":[{"file":"src/a.ts","line":3,"message":"missing check"}]}\n```',
      ),
    ).toEqual({
      verdict: "reject",
      issues: [{ file: "src/a.ts", line: 3, message: "missing check" }],
    });
  });
  it("never reads an approval into an answer without a verdict", () => {
    expect(parseVerdict("I approve of this code.")).toBeNull();
    expect(parseVerdict('{"verdict":"maybe"}')).toBeNull();
    expect(parseVerdict('{"result":"approve"}')).toBeNull();
  });
  it("formats issues as file:line: message", () => {
    expect(formatIssue({ file: "src/a.ts", line: 3, message: "x" })).toBe("src/a.ts:3: x");
    expect(formatIssue({ message: "general" })).toBe("general");
  });
  it("puts the instructions, diff and verdict format in the prompts, and the issues in the fix prompt", () => {
    const prompt = renderReviewPrompt("spec", {
      instructions: "# Work Package WP-1",
      diff: "+x",
      changedFiles: ["src/a.ts"],
    });
    expect(prompt).toContain("spec-compliance reviewer");
    expect(prompt).toContain("# Work Package WP-1");
    expect(prompt).toContain('"verdict": "approve" | "reject"');
    expect(
      renderFixPrompt("spec reviewer", [{ file: "src/a.ts", line: 3, message: "missing check" }], "# WP"),
    ).toContain("- src/a.ts:3: missing check");
  });
});

describe("review stages", () => {
  it("orders the stages of each mode", () => {
    expect(stagesOf("off", false)).toEqual([]);
    expect(stagesOf("spec+quality", false)).toEqual(["spec", "quality"]);
    expect(stagesOf("spec", true)).toEqual(["spec", "human"]);
    expect(stagesOf("human", false)).toEqual(["human"]);
    expect(stageAfter(["spec", "quality"], null)).toBe("spec");
    expect(stageAfter(["spec", "quality"], "spec")).toBe("quality");
    expect(stageAfter(["spec", "quality"], "quality")).toBeNull();
  });
});
