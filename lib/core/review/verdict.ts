// A reviewer's verdict, read from the last JSON object in its answer that has a "verdict":
// { "verdict": "approve" | "reject", "issues": [{ "file", "line", "message" }] }.
// No readable verdict is a reviewer failure, never an approval.
import { z } from "zod";
import { objectSpans } from "../json/object-spans";

export const reviewIssueSchema = z.object({
  file: z.string().max(500).optional().nullable(),
  line: z
    .union([z.number().int(), z.string().max(20)])
    .optional()
    .nullable(),
  message: z.string().max(4000),
});
export const verdictSchema = z.object({
  verdict: z.enum(["approve", "reject"]),
  issues: z.array(reviewIssueSchema).max(200).default([]),
});
export type Verdict = z.infer<typeof verdictSchema>;
export type ReviewIssue = z.infer<typeof reviewIssueSchema>;

export function parseVerdict(answer: string): Verdict | null {
  for (const span of objectSpans(answer).reverse()) {
    if (!span.includes('"verdict"')) continue;
    try {
      const parsed = verdictSchema.safeParse(JSON.parse(span));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: keep looking
    }
  }
  return null;
}

/** "src/a.ts:12: message" lines, as the fix prompt and the UI show issues. */
export function formatIssue(issue: ReviewIssue): string {
  const where = issue.file
    ? `${issue.file}${issue.line !== undefined && issue.line !== null && issue.line !== "" ? `:${issue.line}` : ""}: `
    : "";
  return `${where}${issue.message}`;
}
