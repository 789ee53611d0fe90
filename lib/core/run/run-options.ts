// The settings a run starts with, snapshotted so later project edits never change a running run.
import { REVIEW_MODES } from "../review/review-state";
import { z } from "zod";
import { AGENT_KINDS, agentSettingsSchema } from "../agents/agent-types";

/** Dollars a run may spend (agents that report their cost); null: no limit. */
export const budgetUsdSchema = z
  .number({ error: "The budget must be a number of dollars, or null for no limit" })
  .positive("The budget must be more than $0")
  .max(100_000, "The budget can be at most $100000")
  .nullable();

/** One rule for each limit, wherever it is typed: the settings form, the API and the CLI. */
export const LIMITS = {
  concurrency: { min: 1, max: 10 },
  staggerSeconds: { min: 0, max: 3600 },
  timeoutSeconds: { min: 1, max: 86_400 },
  resolveRounds: { min: 0, max: 5 },
  minFreeMemoryMb: { min: 0, max: 1_048_576 },
  maxLoadPerCore: { min: 0.1, max: 64 },
} as const;

/** Dollars one package may spend; null: no cap. */
export const packageCapSchema = z
  .number({ error: "The cap per package must be a number of dollars, or null for no cap" })
  .positive("The cap per package must be more than $0")
  .max(100_000, "The cap per package can be at most $100000")
  .nullable();
/** Free memory (MB) a new agent needs to start; null: from the machine's size. */
export const minFreeMemorySchema = z
  .number()
  .int()
  .min(LIMITS.minFreeMemoryMb.min)
  .max(LIMITS.minFreeMemoryMb.max)
  .nullable();
/** The 1-minute load per core under which a new agent may start; null: the default. */
export const maxLoadSchema = z.number().min(LIMITS.maxLoadPerCore.min).max(LIMITS.maxLoadPerCore.max).nullable();

export const runOptionsSchema = z.object({
  /** The branch the run's feature branch starts from. */
  baseBranch: z.string().min(1).max(255),
  agent: z.enum(AGENT_KINDS).default("demo"),
  agentSettings: agentSettingsSchema.default(agentSettingsSchema.parse({})),
  concurrency: z
    .number()
    .int()
    .min(LIMITS.concurrency.min, "Concurrency must be at least 1")
    .max(LIMITS.concurrency.max, "Concurrency can be at most 10")
    .default(3),
  staggerSeconds: z
    .number()
    .min(LIMITS.staggerSeconds.min, "Stagger cannot be negative")
    .max(LIMITS.staggerSeconds.max, "Stagger can be at most 3600 seconds")
    .default(12),
  timeoutSeconds: z
    .number()
    .min(LIMITS.timeoutSeconds.min, "Timeout must be at least 1 second")
    .max(LIMITS.timeoutSeconds.max, "Timeout can be at most 86400 seconds (a day)")
    .default(600),
  /** Seconds between TERM and KILL when a package is stopped. */
  graceSeconds: z.number().min(0).max(300).default(10),
  testCommand: z.string().max(2000).nullable().default(null),
  /** Reviewers after each implementation: off, spec, spec+quality, or a person (human). */
  reviewMode: z.enum(REVIEW_MODES).default("off"),
  /** A person approves each package after the reviewers (on top of the mode). */
  humanGate: z.boolean().default(false),
  /** Only new failures block a merge (compared with the base); "off" runs without the test gate. */
  testGate: z.enum(["on", "off"]).default("on"),
  /** Runs in every new worktree before the agent or the tests (e.g. npm ci). */
  setupCommand: z.string().max(2000).nullable().default(null),
  setupTimeoutSeconds: z.number().min(1).max(86_400).default(1800),
  /** Files copied from the user's checkout into each worktree, never committed (e.g. .env). */
  copyFiles: z.array(z.string().max(500)).max(50).default([]),
  testTimeoutSeconds: z.number().min(1).max(86_400).default(1800),
  budgetUsd: budgetUsdSchema.default(null),
  /** Agent rounds on a merge conflict before a person is asked (0: ask at once). */
  resolveRounds: z
    .number()
    .int()
    .min(LIMITS.resolveRounds.min, "Resolution rounds cannot be negative")
    .max(LIMITS.resolveRounds.max, "Resolution rounds can be at most 5")
    .default(2),
  /** Dollars one package may spend over all its attempts; null: only the run's budget applies. */
  packageBudgetUsd: packageCapSchema.default(null),
  /** A new agent starts only while this much memory is free (MB); null: from the machine's size. */
  minFreeMemoryMb: minFreeMemorySchema.default(null),
  /** A new agent starts only while the 1-minute load per core is below this; null: the default. */
  maxLoadPerCore: maxLoadSchema.default(null),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

/** What each option is called where a person sets it (the flag, or the form's label). */
const OPTION_LABELS: Record<string, string> = {
  baseBranch: "Base branch (--base)",
  agent: "Agent (--agent)",
  agentSettings: "Agent settings",
  concurrency: "Concurrency (--concurrency)",
  staggerSeconds: "Stagger (--stagger)",
  timeoutSeconds: "Timeout (--timeout)",
  testCommand: "Test command (--test-cmd)",
  reviewMode: "Review (--review)",
  budgetUsd: "Budget (--budget)",
  setupCommand: "Set-up command",
  copyFiles: "Files to copy",
  resolveRounds: "Resolution rounds",
  packageBudgetUsd: "Cap per package (--package-budget)",
  minFreeMemoryMb: "Free memory to start an agent (--min-free-memory)",
  maxLoadPerCore: "Load per core to start an agent (--max-load)",
};

/** One line per problem, named as the person typed it, never by an internal field name. */
export function formatRunOptionIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? "");
      const label = OPTION_LABELS[key] ?? key;
      return label && !issue.message.startsWith(label.split(" (")[0]) ? `${label}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
