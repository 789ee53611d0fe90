// Every event the engine appends, with the shape of its payload. appendEvent takes only these, so
// a new event is declared here first, and readers can rely on the payloads.
import { z } from "zod";

const wp = { wpId: z.string() };
const reason = z.string().nullable();

export const EVENT_PAYLOADS = {
  "project.registered": z.object({
    repoPath: z.string(),
    baseBranch: z.string().optional(),
    demo: z.boolean().optional(),
  }),
  "project.removed": z.object({ repoPath: z.string() }),
  "project.settings_changed": z.object({ agent: z.string(), concurrency: z.number() }),

  "run.created": z.object({ packages: z.number(), warnings: z.array(z.string()) }),
  "run.plan_saved": z.object({ packages: z.number() }),
  "run.launched": z.object({ agent: z.string(), baseCommit: z.string() }),
  "run.completed": z.object({ reason }),
  "run.failed": z.object({ reason }),
  "run.cancelled": z.object({ reason }),
  "run.cancel_requested": z.object({}),
  "run.resumed": z.object({ packages: z.array(z.string()) }),
  "run.budget_changed": z.object({ budgetUsd: z.number().nullable(), spentUsd: z.number() }),
  "run.budget_reached": z.object({ reason: z.string() }),
  "run.test_baseline": z.object({ exitCode: z.number().nullable(), failures: z.number().nullable() }),
  "run.merged_into_base": z.object({ base: z.string(), commit: z.string() }),
  // Delivering a completed run's feature branch (lib/server/delivery/deliver-run.ts).
  "run.delivered": z.object({
    remote: z.string(),
    branch: z.string(),
    commit: z.string(),
    pullRequestUrl: z.string().nullable(),
    compareUrl: z.string().nullable(),
    auto: z.boolean(),
  }),
  "run.delivery_failed": z.object({ stage: z.enum(["push", "pr"]), error: z.string(), auto: z.boolean() }),
  "run.deleted": z.object({ slug: z.string(), branches: z.array(z.string()), kept: z.array(z.string()) }),

  /** `pid` is null for an attempt sent to the runner hosts' queue (`queued`). */
  "package.started": z.object({
    ...wp,
    attempt: z.number(),
    pid: z.number().nullable(),
    branch: z.string(),
    queued: z.boolean().optional(),
  }),
  "package.review_step_started": z.object({ ...wp, role: z.string(), attempt: z.number() }),
  "package.succeeded": z.object({ ...wp, role: z.string(), changedFiles: z.number(), outOfScope: z.array(z.string()) }),
  "package.failed": z.object({ ...wp, reason: z.string(), exitCode: z.number().optional() }),
  "package.timed_out": z.object({ ...wp, reason: z.string(), exitCode: z.number().optional() }),
  "package.cancelled": z.object({ ...wp, reason: z.string(), exitCode: z.number().optional() }),
  "package.lost": z.object({ ...wp, role: z.string() }),
  "package.restarted_after_loss": z.object({ ...wp, role: z.string() }),
  "package.runner_lost": z.object({ ...wp, role: z.string(), runner: z.string() }),
  "package.runner_started": z.object({ ...wp, role: z.string(), runner: z.string(), pid: z.number() }),
  "package.worker_adopted": z.object({ ...wp, pid: z.number().nullable() }),
  "package.conflicted": z.object({ ...wp, conflicts: z.array(z.string()) }),
  // A merge conflict, from detection to how it ended (lib/core/conflicts/conflict-state.ts).
  "package.conflict_detected": z.object({ ...wp, files: z.array(z.string()), with: z.array(z.string()) }),
  "package.resolve_started": z.object({ ...wp, round: z.number(), attempt: z.number(), files: z.array(z.string()) }),
  "package.resolve_round_failed": z.object({ ...wp, round: z.number(), problem: z.string() }),
  "package.conflict_resolved": z.object({
    ...wp,
    files: z.array(z.string()),
    with: z.array(z.string()),
    resolvedBy: z.string(),
    rounds: z.number(),
    costUsd: z.number(),
  }),
  "package.conflict_needs_person": z.object({ ...wp, files: z.array(z.string()), rounds: z.number() }),
  "package.resolve_requested": z.object({ ...wp, action: z.string() }),
  "package.test_failed": z.object({
    ...wp,
    exitCode: z.number().nullable(),
    newFailures: z.array(z.string()).nullable(),
  }),
  "package.merged": z.object({ ...wp, mergeCommit: z.string() }),
  "package.retry_requested": z.object({ ...wp, previousStatus: z.string(), resumeSession: z.boolean() }),
  "package.cancel_requested": z.object(wp),
  "package.budget_stopped": z.object(wp),
  "run.package_cap_changed": z.object({ packageBudgetUsd: z.number().nullable() }),
  "package.waiting_for_machine": z.object({ ...wp, reason: z.string() }),
  "package.waiting_for_runner": z.object({ ...wp, reason: z.string() }),
  "package.cap_reached": z.object({ ...wp, capUsd: z.number(), spentUsd: z.number() }),
  "package.deferred_rerun": z.object(wp),

  "runner.drain_requested": z.object({ runner: z.string() }),
  "runner.resumed": z.object({ runner: z.string() }),

  "review.approve": z.object({ ...wp, stage: z.string(), issues: z.number() }),
  "review.reject": z.object({ ...wp, stage: z.string(), issues: z.number() }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export type EventPayload<T extends EventType> = z.input<(typeof EVENT_PAYLOADS)[T]>;

/** The event a package's move to a stopped status is recorded as (the rest record their own). */
export const PACKAGE_STOP_EVENTS = {
  failed: "package.failed",
  timed_out: "package.timed_out",
  cancelled: "package.cancelled",
} as const;
export const RUN_SETTLE_EVENTS = {
  completed: "run.completed",
  failed: "run.failed",
  cancelled: "run.cancelled",
} as const;
export const REVIEW_EVENTS = { approve: "review.approve", reject: "review.reject" } as const;
