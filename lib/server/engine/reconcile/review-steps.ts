// The review loop of a package: after its work is done, the reviewers run in its worktree (spec,
// then quality), a rejection sends a fix with the issues, two rejections at one stage defer it;
// a person may approve last. Each reviewer and fix is an attempt like any other.
import { launchStep } from "@/lib/server/engine/reconcile/launch-attempt";
import { diffText } from "@/lib/node/git/git-ops";
import type { PackageStatus } from "@/lib/core/run/statuses";
import { movePackage } from "@/lib/server/engine/state/transition";
import type { StopReason } from "@/lib/core/run/stop-reasons";
import { REVIEW_EVENTS } from "@/lib/core/events/event-types";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentRole } from "@/lib/core/agents/agent-types";
import { renderFixPrompt, renderReviewPrompt } from "@/lib/core/review/review-prompts";
import {
  MAX_REJECTIONS,
  parseReviewState,
  stageAfter,
  stagesOf,
  type GateStage,
  type ReviewState,
} from "@/lib/core/review/review-state";
import { parseVerdict, type ReviewIssue } from "@/lib/core/review/verdict";
import { renderInstructions } from "@/lib/core/wbs/render-instructions";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { readHead } from "@/lib/node/files/read-tail";
import { maskText } from "@/lib/node/secrets";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { runPaths } from "@/lib/server/engine/state/run-paths";
import { toWorkBreakdown, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { archivePreviousAttempt } from "@/lib/server/engine/reconcile/start-package";

type Pkg = RunSnapshot["packages"][number];
const STAGE_LABEL: Record<GateStage, string> = {
  spec: "spec reviewer",
  quality: "quality reviewer",
  human: "reviewer (a person)",
};

async function saveReview(
  ctx: EngineContext,
  pkg: Pkg,
  review: ReviewState,
  status: PackageStatus,
  /** Why it stopped, or a plain note on where it is (waiting for a person). */
  why: StopReason | string | null = null,
) {
  const reason = typeof why === "string" || why === null ? { statusReason: why } : { reason: why };
  await movePackage(ctx.db, pkg, status, { review: JSON.stringify(review), ...reason });
}

/** Moves a package whose stage `done` just passed (null: its work is done) to what comes next. */
export async function advanceReview(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  review: ReviewState,
  done: GateStage | null,
): Promise<void> {
  const stages = stagesOf(snapshot.options.reviewMode, snapshot.options.humanGate);
  const next = stageAfter(stages, done);
  if (next === null) return saveReview(ctx, pkg, { ...review, next: null, fixFor: null }, "succeeded");
  if (next === "human")
    return saveReview(
      ctx,
      pkg,
      { ...review, next: null, fixFor: null },
      "awaiting_approval",
      "Waiting for a person to approve or reject it",
    );
  return saveReview(
    ctx,
    pkg,
    { ...review, next: next === "spec" ? "spec-review" : "quality-review", fixFor: null },
    "reviewing",
  );
}

/** After a fix: the stage that asked for it runs again. */
export async function afterFix(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  review: ReviewState,
): Promise<void> {
  const stage = review.fixFor ?? "spec";
  if (stage === "human")
    return saveReview(
      ctx,
      pkg,
      { ...review, next: null, fixFor: null },
      "awaiting_approval",
      "Fixed: waiting for a person to look again",
    );
  return saveReview(
    ctx,
    pkg,
    { ...review, next: stage === "spec" ? "spec-review" : "quality-review", fixFor: null },
    "reviewing",
  );
}

/** Records a verdict (or a person's decision) and decides: next stage, a fix, deferred, or failed. */
export async function recordVerdict(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  stage: GateStage,
  verdict: { verdict: "approve" | "reject"; issues: ReviewIssue[]; comment?: string | null },
  attempt: number | null,
): Promise<void> {
  const review = parseReviewState(pkg.review);
  review.history.push({
    stage,
    verdict: verdict.verdict,
    issues: verdict.issues,
    attempt,
    comment: verdict.comment ?? null,
    at: ctx.now().toISOString(),
  });
  await appendEvent(ctx.db, {
    type: REVIEW_EVENTS[verdict.verdict],
    runId: snapshot.run.id,
    workPackageId: pkg.id,
    payload: { wpId: pkg.wpId, stage, issues: verdict.issues.length },
  });
  if (verdict.verdict === "approve") return advanceReview(ctx, snapshot, pkg, review, stage);
  review.rejections[stage] += 1;
  if (stage !== "human" && review.rejections[stage] >= MAX_REJECTIONS) {
    if (review.pass === "parallel") {
      return saveReview(ctx, pkg, { ...review, next: null }, "deferred", {
        code: "review_rejected",
        stage: STAGE_LABEL[stage],
        pass: "parallel",
      });
    }
    return saveReview(ctx, pkg, { ...review, next: null }, "failed", {
      code: "review_rejected",
      stage: STAGE_LABEL[stage],
      pass: "sequential",
    });
  }
  return saveReview(ctx, pkg, { ...review, next: "fix", fixFor: stage, pendingIssues: verdict.issues }, "fixing");
}

const NO_VERDICT_HELP =
  "A reviewer runs as the project's agent with FLOTILLA_ROLE=spec-review or quality-review and must print a JSON verdict, " +
  'e.g. {"verdict": "approve", "issues": []} or {"verdict": "reject", "issues": [{"file": "src/a.ts", "line": 3, "message": "what to change"}]}. ' +
  "If your agent has no reviewer role, turn reviews off (Review: off in the project's settings or on the New run form, or --review off), then retry the package.";

/** Reads a finished reviewer's verdict; no readable verdict is a reviewer failure, not an approval. */
export async function collectReview(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  stage: "spec" | "quality",
  attempt: { number: number; dir: string; exitCode: number; failure?: string | null },
) {
  const output = (await readHead(path.join(attempt.dir, "output.md"), 2_000_000)) ?? "";
  const verdict =
    attempt.exitCode === 0 && !attempt.failure ? parseVerdict(AGENTS[snapshot.options.agent].finalText(output)) : null;
  if (!verdict) {
    const review = parseReviewState(pkg.review);
    review.history.push({
      stage,
      verdict: "none",
      issues: [],
      attempt: attempt.number,
      comment: null,
      at: ctx.now().toISOString(),
    });
    const why = attempt.failure
      ? `failed: ${attempt.failure}`
      : attempt.exitCode === 0
        ? "gave no readable verdict"
        : `exited with code ${attempt.exitCode}`;
    return saveReview(ctx, pkg, { ...review, next: null }, "failed", {
      code: "no_verdict",
      stage: STAGE_LABEL[stage],
      why,
      help: NO_VERDICT_HELP,
    });
  }
  return recordVerdict(
    ctx,
    snapshot,
    pkg,
    stage,
    { verdict: verdict.verdict, issues: verdict.issues.map((i) => ({ ...i, message: maskText(i.message) })) },
    attempt.number,
  );
}

/** Starts the reviewer or fix a package is waiting for, in its own worktree. */
export async function startReviewStep(ctx: EngineContext, snapshot: RunSnapshot, pkg: Pkg): Promise<void> {
  const review = parseReviewState(pkg.review);
  const role: AgentRole = review.next!;
  const last = pkg.latestAttempt!;
  const worktree = last.worktreePath!;
  const paths = runPaths(ctx.dataDir, snapshot.run.id);
  const dir = paths.packageDir(pkg.wpId);
  await archivePreviousAttempt(ctx, snapshot, pkg);
  const wbs = toWorkBreakdown(snapshot);
  const instructions = renderInstructions(wbs, pkg.wpId);
  let prompt: string;
  if (role === "fix") {
    prompt = renderFixPrompt(STAGE_LABEL[review.fixFor ?? "spec"], review.pendingIssues, instructions);
  } else {
    const diff = await diffText(worktree, last.baseCommit!, "HEAD");
    prompt = renderReviewPrompt(role === "spec-review" ? "spec" : "quality", {
      instructions,
      diff,
      changedFiles: parseOutcome(pkg.outcome).changedFiles,
    });
  }
  await mkdir(dir, { recursive: true });
  const promptPath = path.join(dir, "instructions.md");
  await writeFile(promptPath, prompt);
  const number = last.number + 1;
  const attempt = await ctx.db.attempt.create({
    data: {
      workPackageId: pkg.id,
      number,
      role,
      status: "starting",
      runner: ctx.runner ?? null,
      branch: last.branch,
      baseCommit: last.baseCommit,
      dir,
      worktreePath: worktree,
      logPath: path.join(dir, "agent.log"),
    },
  });
  await saveReview(ctx, pkg, { ...review, next: null }, role === "fix" ? "fixing" : "reviewing");
  if (
    !(await launchStep(ctx, snapshot, pkg, attempt.id, { role, instructionsPath: promptPath }, { dir, cwd: worktree }))
  )
    return;
  await appendEvent(ctx.db, {
    type: "package.review_step_started",
    runId: snapshot.run.id,
    workPackageId: pkg.id,
    payload: { wpId: pkg.wpId, role, attempt: number },
  });
}
