// The settings a run starts with, snapshotted so later project edits never change a running run.
import { z } from "zod";
import { AGENT_KINDS, agentSettingsSchema } from "../agents/agent-types";

export const runOptionsSchema = z.object({
  /** The branch the run's feature branch starts from. */
  baseBranch: z.string().min(1).max(255),
  agent: z.enum(AGENT_KINDS).default("demo"),
  agentSettings: agentSettingsSchema.default(agentSettingsSchema.parse({})),
  concurrency: z.number().int().min(1, "Concurrency must be at least 1").max(10, "Concurrency can be at most 10").default(3),
  staggerSeconds: z.number().min(0, "Stagger cannot be negative").max(3600, "Stagger can be at most 3600 seconds").default(12),
  timeoutSeconds: z.number().min(1, "Timeout must be at least 1 second").max(86_400, "Timeout can be at most 86400 seconds (a day)").default(600),
  /** Seconds between TERM and KILL when a package is stopped. */
  graceSeconds: z.number().min(0).max(300).default(10),
  testCommand: z.string().max(2000).nullable().default(null),
  testTimeoutSeconds: z.number().min(1).max(86_400).default(1800),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;
