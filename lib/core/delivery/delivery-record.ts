// Where a completed run's feature branch was delivered, stored as JSON on the run (Run.delivery):
// the remote it went to, the commit pushed, the pull request or the compare page, and the last
// error. Every field has a default, so the column's "{}" parses.
import { z } from "zod";

export const FORGE_TOOLS = ["gh", "glab"] as const;
export type ForgeTool = (typeof FORGE_TOOLS)[number];

export const pullRequestSchema = z.object({
  url: z.string(),
  number: z.number().int().nullable().default(null),
  tool: z.enum(FORGE_TOOLS),
  /** It existed before this delivery (found, not opened again). */
  reused: z.boolean().default(false),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const deliveryStepSchema = z.object({
  at: z.string(),
  action: z.enum(["push", "pr"]),
  ok: z.boolean(),
  message: z.string(),
  auto: z.boolean().default(false),
});
export type DeliveryStep = z.infer<typeof deliveryStepSchema>;

export const deliveryRecordSchema = z.object({
  /** The remote as the project names it (a name, or a URL with any password masked). */
  remote: z.string().nullable().default(null),
  /** Where it fetches from, credentials masked (the forge and compare page come from it). */
  remoteUrl: z.string().nullable().default(null),
  branch: z.string().nullable().default(null),
  pushedCommit: z.string().nullable().default(null),
  pushedAt: z.string().nullable().default(null),
  pullRequest: pullRequestSchema.nullable().default(null),
  /** The forge's page to open a pull request by hand (GitHub, GitLab, Bitbucket), else null. */
  compareUrl: z.string().nullable().default(null),
  /** Why no pull request was opened although one was asked for (no gh, not a forge). */
  note: z.string().nullable().default(null),
  lastError: z.string().nullable().default(null),
  lastErrorAt: z.string().nullable().default(null),
  /** Set once when automatic delivery took the run on, so a restart never delivers it twice. */
  auto: z
    .object({ mode: z.enum(["push", "pr"]), startedAt: z.string() })
    .nullable()
    .default(null),
  history: z.array(deliveryStepSchema).default([]),
});
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;

export const EMPTY_DELIVERY: DeliveryRecord = deliveryRecordSchema.parse({});

/** The stored record, or an empty one when the column holds nothing usable. */
export function parseDelivery(json: string | null | undefined): DeliveryRecord {
  try {
    const parsed = deliveryRecordSchema.safeParse(JSON.parse(json || "{}"));
    return parsed.success ? parsed.data : EMPTY_DELIVERY;
  } catch {
    return EMPTY_DELIVERY;
  }
}

const HISTORY_LIMIT = 20;

/** The record with one more step in its history (the newest last, the oldest dropped past 20). */
export function withStep(record: DeliveryRecord, step: DeliveryStep): DeliveryRecord {
  return { ...record, history: [...record.history, step].slice(-HISTORY_LIMIT) };
}

/** Only http(s) addresses are shown as links; anything else is text. */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}
