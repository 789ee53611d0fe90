// A package's merge conflicts, stored as JSON on the package: the open one (what conflicted, with
// whom, how many agent rounds it took and what they cost, the commits to undo to) and how each
// earlier one ended. The engine decides from it; the card, the report and --json show it.
import { z } from "zod";

/** Who settled a conflict: git (updating the branch merged cleanly), the agent, a person, or a fresh retry. */
export const RESOLVED_BY = ["git", "agent", "person", "fresh"] as const;
export type ResolvedBy = (typeof RESOLVED_BY)[number];

const recordFields = {
  files: z.array(z.string()).default([]),
  /** Packages already merged that changed those files (the other side). */
  with: z.array(z.string()).default([]),
  resolvedBy: z.enum(RESOLVED_BY).nullable().default(null),
  /** Agent resolution rounds started for it. */
  rounds: z.number().int().min(0).default(0),
  costUsd: z.number().min(0).default(0),
  detectedAt: z.string().default(""),
  endedAt: z.string().nullable().default(null),
};

export const conflictRecordSchema = z.object(recordFields);
export type ConflictRecord = z.infer<typeof conflictRecordSchema>;

export const openConflictSchema = z.object({
  ...recordFields,
  /** The feature branch's tip merged into the package branch. */
  featureTip: z.string(),
  /** The package branch before that update: a failed resolution goes back to it. */
  packageTip: z.string(),
  /**
   * resolving: an agent round runs or is due; resolved: committed, waiting for its merge and tests;
   * waiting: a person's turn.
   */
  phase: z.enum(["resolving", "resolved", "waiting"]).default("resolving"),
  /** Who settled it, once phase is resolved. */
  by: z.enum(RESOLVED_BY).nullable().default(null),
  /** Rounds a person granted on top of the project's bound ("Resolve with agent"). */
  extraRounds: z.number().int().min(0).default(0),
  /** A resolution that failed the tests is to be undone before the next round (or a person). */
  undoPending: z.boolean().default(false),
  /** Off once a resolution failed the tests: what rerere remembered of it must not come back. */
  rerere: z.boolean().default(true),
  /** Why the last round did not settle it (markers left, an agent failure, red tests), for the next prompt. */
  lastProblem: z.string().nullable().default(null),
});
export type OpenConflict = z.infer<typeof openConflictSchema>;

export const conflictStateSchema = z.object({
  current: openConflictSchema.nullable().default(null),
  history: z.array(conflictRecordSchema).default([]),
});
export type ConflictState = z.infer<typeof conflictStateSchema>;

export function parseConflictState(json: string | null | undefined): ConflictState {
  try {
    return conflictStateSchema.parse(JSON.parse(json || "{}"));
  } catch {
    return conflictStateSchema.parse({});
  }
}

/** The default bound on agent rounds per conflict (a project setting). */
export const DEFAULT_RESOLVE_ROUNDS = 2;

/** Another agent round may start: fewer rounds than the bound (plus what a person granted). */
export const mayStartRound = (conflict: OpenConflict, bound: number): boolean =>
  conflict.rounds < bound + conflict.extraRounds;

/** Closes the open conflict as settled by `by`. */
export function closeConflict(state: ConflictState, by: ResolvedBy, at: string): ConflictState {
  if (!state.current) return state;
  const { files, with: others, rounds, costUsd, detectedAt } = state.current;
  return {
    current: null,
    history: [...state.history, { files, with: others, resolvedBy: by, rounds, costUsd, detectedAt, endedAt: at }],
  };
}

/** A retry from scratch (stored JSON in, JSON out): the open conflict is settled by the fresh attempt. */
export function afterFreshRetry(json: string, at: string): string {
  const state = parseConflictState(json);
  return JSON.stringify(state.current ? closeConflict(state, "fresh", at) : state);
}

/** Every conflict, earlier ones first, the open one last (resolvedBy null): for --json and the report. */
export function conflictList(state: ConflictState): ConflictRecord[] {
  const open = state.current
    ? [
        {
          files: state.current.files,
          with: state.current.with,
          resolvedBy: null,
          rounds: state.current.rounds,
          costUsd: state.current.costUsd,
          detectedAt: state.current.detectedAt,
          endedAt: null,
        },
      ]
    : [];
  return [...state.history, ...open];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line for a conflict, as the card, the activity and the report say it. */
export function describeConflict(record: ConflictRecord, formatUsd: (usd: number) => string): string {
  const where = `${record.files.join(", ")}${record.with.length > 0 ? ` with ${record.with.join(", ")}` : ""}`;
  const cost = record.costUsd > 0 ? `, ${formatUsd(record.costUsd)}` : "";
  switch (record.resolvedBy) {
    case "git":
      return `Conflict in ${where}: git merged it after updating the branch`;
    case "agent":
      return `Conflict in ${where}: the agent resolved it in ${plural(record.rounds, "round", "rounds")}${cost}`;
    case "person":
      return `Conflict in ${where}: a person resolved it${record.rounds > 0 ? ` after ${plural(record.rounds, "agent round", "agent rounds")}${cost}` : ""}`;
    case "fresh":
      return `Conflict in ${where}: retried fresh on the new feature branch`;
    case null:
      return `Conflict in ${where}: ${record.rounds > 0 ? `${plural(record.rounds, "agent round", "agent rounds")} so far${cost}` : "being integrated"}`;
  }
}
