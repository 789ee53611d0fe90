// Prompts for the reviewers and for the fix that follows a rejection.
import { formatIssue, type ReviewIssue } from "./verdict";

export type ReviewStage = "spec" | "quality";

const VERDICT_FORMAT = [
  "## Your answer",
  "End your answer with one JSON object, and nothing after it:",
  '{ "verdict": "approve" | "reject", "issues": [{ "file": "path", "line": 12, "message": "what is wrong and what to change" }] }',
  'Approve only when there is nothing that must change; "issues" may be empty then.',
];

export function renderReviewPrompt(
  stage: ReviewStage,
  input: { instructions: string; diff: string; changedFiles: string[] },
): string {
  const intro =
    stage === "spec"
      ? [
          "You are the spec-compliance reviewer of one work package. Do not change any file: read and judge.",
          "Check that every expected output exists, that the package stayed inside its scope (nothing from other packages' scope), and that the acceptance notes are met.",
        ]
      : [
          "You are the code-quality reviewer of one work package. Do not change any file: read and judge.",
          "Check the changed files for bugs, missing error handling, unclear names, duplication and missing tests. Do not ask for work outside the package's scope.",
        ];
  return [
    ...intro,
    "",
    "## The package's instructions",
    input.instructions.trim(),
    "",
    "## Changed files",
    ...(input.changedFiles.length > 0 ? input.changedFiles.map((f) => `- ${f}`) : ["(none)"]),
    "",
    "## The diff of its branch",
    "```diff",
    input.diff.length > 100_000 ? `${input.diff.slice(0, 100_000)}\n… (diff cut at 100 KB)` : input.diff,
    "```",
    "",
    ...VERDICT_FORMAT,
    "",
  ].join("\n");
}

export function renderFixPrompt(source: string, issues: readonly ReviewIssue[], instructions: string): string {
  return [
    `The ${source} asked for changes to your work package. Fix every issue below in this worktree, then stop.`,
    "",
    "## Issues",
    ...(issues.length > 0
      ? issues.map((i) => `- ${formatIssue(i)}`)
      : ["- (no specific issues were listed: re-read the instructions and make the work complete)"]),
    "",
    "## The package's instructions (unchanged)",
    instructions.trim(),
    "",
  ].join("\n");
}
