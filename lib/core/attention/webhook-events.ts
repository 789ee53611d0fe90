// What a status move tells the project's webhooks, and the JSON they get: pure, so the engine's
// status writer only asks and enqueues. Event names are a contract (README "Know when you are needed").
import { parseConflictState } from "../conflicts/conflict-state";
import type { PackageStatus, RunStatus } from "../run/statuses";
import {
  attentionHref,
  conflictWaitsForPerson,
  describeAttention,
  firstStuck,
  runLabel,
  type AttentionKind,
  type AttentionPackage,
  type AttentionRun,
} from "./attention-items";

export const WEBHOOK_EVENTS = ["run.completed", "run.needs_attention", "package.failed", "webhook.test"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A package that stopped in one of these failed (a person's cancel and a budget stop are not failures). */
export const PACKAGE_FAILED_STATUSES: readonly PackageStatus[] = ["failed", "timed_out", "test_failed", "lost"];

/** One event to send, and what makes it unique: a repeated engine step has the same revision. */
export interface WebhookTrigger {
  event: WebhookEvent;
  kind?: AttentionKind;
  wpId?: string;
  revision: string;
}

type PackageMove = AttentionPackage & { reasonCode: string | null };

/** The events a package's move to its current status sends. */
export function eventsForPackageMove(pkg: PackageMove): WebhookTrigger[] {
  const revision = String(pkg.attempts);
  if (PACKAGE_FAILED_STATUSES.includes(pkg.status) && pkg.reasonCode !== "budget")
    return [{ event: "package.failed", wpId: pkg.wpId, revision }];
  if (pkg.status === "awaiting_approval")
    return [{ event: "run.needs_attention", kind: "approval", wpId: pkg.wpId, revision }];
  if (conflictWaitsForPerson(pkg)) {
    const settled = parseConflictState(pkg.conflict).history.length;
    return [{ event: "run.needs_attention", kind: "conflict", wpId: pkg.wpId, revision: `${revision}.${settled}` }];
  }
  return [];
}

/** The events a run's move to its current status sends. */
export function eventsForRunMove(run: Pick<AttentionRun, "status" | "reasonCode" | "packages">): WebhookTrigger[] {
  const revision = String(run.packages.reduce((sum, p) => sum + p.attempts, 0));
  if (run.status === "completed") return [{ event: "run.completed", kind: "completed", revision: "" }];
  if (run.status === "failed") {
    const stuck = firstStuck(run);
    return [{ event: "run.needs_attention", kind: "failed", ...(stuck ? { wpId: stuck.wpId } : {}), revision }];
  }
  if (run.status === "cancelled" && run.reasonCode === "budget")
    return [{ event: "run.needs_attention", kind: "budget", revision }];
  return [];
}

/** Unique per URL and situation, so enqueueing twice sends once. */
export const deliveryKey = (trigger: WebhookTrigger, runId: string, url: string): string =>
  [trigger.event, trigger.kind ?? "", runId, trigger.wpId ?? "", trigger.revision, url].join(":");

/** A base URL without its trailing slashes, plus a path. */
export const absoluteUrl = (base: string, path: string): string => `${base.replace(/\/+$/, "")}${path}`;

/** Slack's text escapes: &, < and > (everything else shows as is). */
const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface WebhookPayload {
  event: WebhookEvent;
  /** One line a Slack or Mattermost incoming webhook shows as is. */
  text: string;
  kind: AttentionKind | null;
  title: string;
  body: string;
  run: { id: string; task: string; status: RunStatus; reason: string | null; url: string } | null;
  package: { wpId: string; name: string; status: PackageStatus; reason: string | null } | null;
  project: { name: string };
  at: string;
}

interface PayloadInput {
  trigger: WebhookTrigger;
  run: AttentionRun;
  project: { name: string };
  /** Where the app is reached, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  at: Date;
  /** Masks secret values in any text (lib/node/secrets.ts maskText). */
  mask: (text: string) => string;
}

/** The JSON body of one event, every text masked. */
export function webhookPayload({ trigger, run, project, baseUrl, at, mask }: PayloadInput): WebhookPayload {
  const pkg = trigger.wpId ? run.packages.find((p) => p.wpId === trigger.wpId) : undefined;
  const url = absoluteUrl(baseUrl, attentionHref(run.id, pkg?.wpId));
  const kind = trigger.kind ?? null;
  const words =
    trigger.event === "package.failed"
      ? {
          title: `${pkg?.wpId ?? "A package"} failed`,
          body: `${pkg ? `${pkg.wpId} ${pkg.name}` : "A package"}: ${(pkg?.statusReason ?? "it stopped without merging").split("\n")[0]}`,
        }
      : describeAttention(kind ?? "completed", run, pkg);
  const name = `"${runLabel(run.task)}"`;
  const summary =
    trigger.event === "run.completed"
      ? `run ${name} completed: ${words.body}`
      : trigger.event === "package.failed"
        ? `in run ${name}, ${words.body}`
        : `run ${name} needs you: ${kind === "approval" ? `${pkg?.wpId} ${pkg?.name} waits for approval` : words.body}`;
  return {
    event: trigger.event,
    text: mask(`Flotilla: ${slackEscape(summary)} <${url}>`),
    kind,
    title: mask(words.title),
    body: mask(words.body),
    run: { id: run.id, task: mask(run.task), status: run.status, reason: maskOrNull(run.statusReason, mask), url },
    package: pkg
      ? { wpId: pkg.wpId, name: mask(pkg.name), status: pkg.status, reason: maskOrNull(pkg.statusReason, mask) }
      : null,
    project: { name: mask(project.name) },
    at: at.toISOString(),
  };
}

const maskOrNull = (text: string | null, mask: (text: string) => string) => (text === null ? null : mask(text));

/** The body of a "Send a test" delivery. */
export function testPayload(project: { name: string }, baseUrl: string, at: Date): WebhookPayload {
  const words = `a test from project "${project.name}"; this webhook works.`;
  return {
    event: "webhook.test",
    text: `Flotilla: ${slackEscape(words)} <${absoluteUrl(baseUrl, "/")}>`,
    kind: null,
    title: "Webhook test",
    body: `A test from project "${project.name}"`,
    run: null,
    package: null,
    project: { name: project.name },
    at: at.toISOString(),
  };
}
