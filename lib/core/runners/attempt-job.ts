// What travels between an orchestrator and a runner host for one queued attempt, as data only.
// The queue's job carries the attempt's id; the attempt row carries the dispatch below (written
// by the orchestrator) and the result (written by the runner). The runner builds the agent's
// command line, its set-up and its time limits itself from the run's own settings: nothing here
// is ever executed.
import { z } from "zod";

export const ATTEMPT_QUEUE = "attempt";

/** The streams a runner ships into AttemptLog, named as the files they mirror in the attempt folder. */
export const LOG_STREAMS = ["agent.log", "output.md", "setup.log", "stderr.log"] as const;
export type LogStream = (typeof LOG_STREAMS)[number];

/** Roles a runner host takes; a conflict round needs the orchestrator's integration worktree. */
export const QUEUED_ROLES = ["implement", "spec-review", "quality-review", "fix"] as const;

export const attemptDispatchSchema = z.object({
  /** The URL git reaches the project's remote at (resolved from a remote's name by the orchestrator). */
  remoteUrl: z.string().min(1),
  /** The branch the attempt starts from on the remote, pushed there by the orchestrator. */
  branch: z.string().min(1),
  startCommit: z.string().regex(/^[0-9a-f]{40,64}$/),
  /** The agent's prompt (instructions.md, a review's or a fix's prompt). */
  prompt: z.string(),
  invocation: z.object({
    role: z.enum(QUEUED_ROLES),
    resumeSessionId: z.string().optional(),
    maxBudgetUsd: z.number().optional(),
  }),
  /** Commit what the agent left and push it back (implementations and fixes; reviewers only read). */
  pushBack: z.boolean(),
  /** When its job was last sent (an attempt not taken for a while is sent again). */
  sentAt: z.string().optional(),
});
export type AttemptDispatch = z.infer<typeof attemptDispatchSchema>;

const finishedSchema = z.object({
  kind: z.literal("finished"),
  /** The wrapper's result.json, as it wrote it. */
  result: z.record(z.string(), z.unknown()),
  /** The branch tip the runner pushed (implementations and fixes), else null. */
  pushedCommit: z.string().nullable(),
  /** Bytes per stream the runner shipped: the orchestrator collects once it has them all. */
  sizes: z.record(z.string(), z.number().int().nonnegative()),
});
/** Its worker vanished or its work could not travel back: worth a fresh attempt. */
const lostSchema = z.object({ kind: z.literal("lost"), why: z.string() });
/** It could not start there (no agent command, a bad set-up command): the package fails with why. */
const startFailedSchema = z.object({ kind: z.literal("start_failed"), why: z.string() });
export const remoteResultSchema = z.discriminatedUnion("kind", [finishedSchema, lostSchema, startFailedSchema]);
export type RemoteResult = z.infer<typeof remoteResultSchema>;

export function parseRemoteResult(json: string | null): RemoteResult | null {
  if (!json) return null;
  try {
    const parsed = remoteResultSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : { kind: "lost", why: "its runner reported a result Flotilla cannot read" };
  } catch {
    return { kind: "lost", why: "its runner reported a result Flotilla cannot read" };
  }
}

export function parseDispatch(json: string | null): AttemptDispatch | null {
  if (!json) return null;
  try {
    const parsed = attemptDispatchSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The biggest piece of a log a runner writes in one row. */
export const LOG_CHUNK_BYTES = 256 * 1024;
