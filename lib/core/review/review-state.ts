// A package's review state (stored as JSON on the package): where it is in the loop, how often
// each stage rejected it, and every verdict so far.
import { z } from "zod";
import { reviewIssueSchema } from "./verdict";

export const REVIEW_MODES = ["off", "spec", "spec+quality", "human"] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];
/** What a project or the New run form may choose: a mode, or "auto" (the agent's own default). */
export const REVIEW_CHOICES = ["auto", ...REVIEW_MODES] as const;
export type GateStage = "spec" | "quality" | "human";

export const reviewRecordSchema = z.object({
  stage: z.enum(["spec", "quality", "human"]),
  verdict: z.enum(["approve", "reject", "none"]),
  issues: z.array(reviewIssueSchema).default([]),
  attempt: z.number().int().nullable().default(null),
  comment: z.string().nullable().default(null),
  at: z.string(),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

export const reviewStateSchema = z.object({
  /** What runs next: a reviewer, a fix, or nothing (waiting or done). */
  next: z.enum(["spec-review", "quality-review", "fix"]).nullable().default(null),
  /** The stage a fix answers (it runs again after the fix). */
  fixFor: z.enum(["spec", "quality", "human"]).nullable().default(null),
  rejections: z
    .object({ spec: z.number().default(0), quality: z.number().default(0), human: z.number().default(0) })
    .default({ spec: 0, quality: 0, human: 0 }),
  history: z.array(reviewRecordSchema).default([]),
  /** "sequential" once it was deferred and runs again alone. */
  pass: z.enum(["parallel", "sequential"]).default("parallel"),
  /** The latest issues to fix (from a reviewer or a person). */
  pendingIssues: z.array(reviewIssueSchema).default([]),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

export function parseReviewState(json: string | null | undefined): ReviewState {
  try {
    return reviewStateSchema.parse(JSON.parse(json || "{}"));
  } catch {
    return reviewStateSchema.parse({});
  }
}

/** The stages a mode runs, in order (the human gate comes last when on). */
export function stagesOf(mode: ReviewMode, humanGate: boolean): GateStage[] {
  const stages: GateStage[] = mode === "spec" ? ["spec"] : mode === "spec+quality" ? ["spec", "quality"] : [];
  if (mode === "human" || humanGate) stages.push("human");
  return stages;
}

/** After `stage` approved (or after the implementation when `stage` is null): the next stage. */
export function stageAfter(stages: readonly GateStage[], stage: GateStage | null): GateStage | null {
  if (stage === null) return stages[0] ?? null;
  const index = stages.indexOf(stage);
  return stages[index + 1] ?? null;
}

export const MAX_REJECTIONS = 2;
