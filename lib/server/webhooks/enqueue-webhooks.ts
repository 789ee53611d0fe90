// Writes webhook outbox rows for a status move, inside the transaction that makes the move (the
// status writer calls it), so an event is enqueued exactly when its change is stored. Sending is
// someone else's job (send-webhooks.ts): nothing here waits on the network.
import type { AttentionRun } from "@/lib/core/attention/attention-items";
import {
  deliveryKey,
  eventsForPackageMove,
  eventsForRunMove,
  PACKAGE_FAILED_STATUSES,
  testPayload,
  webhookPayload,
  type WebhookTrigger,
} from "@/lib/core/attention/webhook-events";
import { asPackageStatus, asRunStatus, type PackageStatus, type RunStatus } from "@/lib/core/run/statuses";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";

type Writer = Pick<Prisma.TransactionClient, "run" | "workPackage" | "webhookDelivery">;

const PACKAGE_TRIGGERS: ReadonlySet<PackageStatus> = new Set([
  ...PACKAGE_FAILED_STATUSES,
  "awaiting_approval",
  "conflicted",
]);
const RUN_TRIGGERS: ReadonlySet<RunStatus> = new Set(["completed", "failed", "cancelled"]);

/** Where links in webhooks point: FLOTILLA_PUBLIC_URL, else the address `npm start` serves on. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLOTILLA_PUBLIC_URL) return env.FLOTILLA_PUBLIC_URL.replace(/\/+$/, "");
  const host = env.FLOTILLA_HOST || env.HOST || "127.0.0.1";
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${shown}:${env.PORT || "3000"}`;
}

/** The project's webhook URLs (a JSON array stored by the settings). */
export function webhookUrls(json: string | null | undefined): string[] {
  try {
    const list: unknown = JSON.parse(json || "[]");
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === "string" && u.length > 0) : [];
  } catch {
    return [];
  }
}

async function loadRun(tx: Writer, runId: string) {
  return tx.run.findUnique({
    where: { id: runId },
    include: {
      project: { select: { id: true, name: true, webhooks: true } },
      workPackages: { orderBy: { position: "asc" }, include: { _count: { select: { attempts: true } } } },
    },
  });
}

type LoadedRun = NonNullable<Awaited<ReturnType<typeof loadRun>>>;

function asAttentionRun(run: LoadedRun): AttentionRun {
  return {
    id: run.id,
    task: run.task,
    status: asRunStatus(run.status),
    reasonCode: run.reasonCode,
    statusReason: run.statusReason,
    featureBranch: run.featureBranch,
    packages: run.workPackages.map((p) => ({
      wpId: p.wpId,
      name: p.name,
      status: asPackageStatus(p.status),
      statusReason: p.statusReason,
      conflict: p.conflict,
      attempts: p._count.attempts,
    })),
  };
}

async function enqueue(tx: Writer, run: LoadedRun, triggers: WebhookTrigger[], now: Date): Promise<void> {
  const urls = webhookUrls(run.project.webhooks);
  if (triggers.length === 0 || urls.length === 0) return;
  const view = asAttentionRun(run);
  for (const trigger of triggers) {
    const payload = JSON.stringify(
      webhookPayload({ trigger, run: view, project: run.project, baseUrl: publicBaseUrl(), at: now, mask: maskText }),
    );
    for (const url of urls) {
      const key = deliveryKey(trigger, run.id, url);
      // upsert with an empty update: a repeated step finds its row and leaves it alone.
      await tx.webhookDelivery.upsert({
        where: { key },
        create: {
          projectId: run.project.id,
          runId: run.id,
          url,
          event: trigger.event,
          payload,
          key,
          nextAttemptAt: now,
        },
        update: {},
      });
    }
  }
}

/**
 * A webhook problem is logged, never thrown: the status move it rides on must go through. A
 * database error is the exception: on PostgreSQL it has aborted the whole transaction, so the
 * move fails with it (and is made again on the next tick) rather than failing later at commit.
 */
async function quietly(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof Error && err.name.startsWith("PrismaClient")) throw err;
    console.error(`[flotilla] could not enqueue webhooks for ${what}:`, err);
  }
}

/** Enqueues what a package's move to `to` tells the webhooks (called inside the move's transaction). */
export async function enqueueForPackageMove(tx: Writer, packageId: string, to: PackageStatus): Promise<void> {
  if (!PACKAGE_TRIGGERS.has(to)) return;
  await quietly(`package ${packageId}`, () => enqueuePackage(tx, packageId));
}

async function enqueuePackage(tx: Writer, packageId: string): Promise<void> {
  const row = await tx.workPackage.findUnique({ where: { id: packageId }, select: { runId: true } });
  const run = row && (await loadRun(tx, row.runId));
  if (!run || webhookUrls(run.project.webhooks).length === 0) return;
  const pkg = run.workPackages.find((p) => p.id === packageId);
  if (!pkg) return;
  const view = asAttentionRun(run).packages.find((p) => p.wpId === pkg.wpId)!;
  await enqueue(tx, run, eventsForPackageMove({ ...view, reasonCode: pkg.reasonCode }), new Date());
}

/** Enqueues what a run's move to `to` tells the webhooks (called inside the move's transaction). */
export async function enqueueForRunMove(tx: Writer, runId: string, to: RunStatus): Promise<void> {
  if (!RUN_TRIGGERS.has(to)) return;
  await quietly(`run ${runId}`, async () => {
    const run = await loadRun(tx, runId);
    if (!run || webhookUrls(run.project.webhooks).length === 0) return;
    await enqueue(tx, run, eventsForRunMove(asAttentionRun(run)), new Date());
  });
}

/** "Send a test" for one of the project's URLs: a webhook.test event, sent like any other. */
export async function enqueueTestDelivery(db: Database, projectId: string, url: string, now = new Date()) {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { name: true, webhooks: true } });
  if (!project) throw new UserError("That project does not exist", "not_found");
  if (!webhookUrls(project.webhooks).includes(url))
    throw new UserError("That URL is not one of this project's webhooks: save it in the Webhooks field first");
  const payload = JSON.stringify(testPayload(project, publicBaseUrl(), now));
  return db.webhookDelivery.create({
    data: {
      projectId,
      url,
      event: "webhook.test",
      payload,
      key: `webhook.test:${url}:${now.getTime()}`,
      nextAttemptAt: now,
    },
  });
}
