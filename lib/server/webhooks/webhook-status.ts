// How each of a project's webhook URLs is doing, from its latest deliveries: for the settings page
// and GET /api/projects/:id/settings. URLs are shown masked (their path is often the secret).
import { maskWebhookUrl } from "@/lib/core/attention/webhook-retry";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { webhookUrls } from "./enqueue-webhooks";

export type WebhookState = "none" | "sending" | "delivered" | "retrying" | "failed";

export interface WebhookUrlStatus {
  /** Its place in the project's list (the "Send a test" button names it by this). */
  index: number;
  /** Host and first path segment, the rest hidden. */
  url: string;
  state: WebhookState;
  /** The latest delivery's event, attempts, answer and error. */
  lastEvent: string | null;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When the latest retry is due (retrying). */
  nextAttemptAt: string | null;
  /** When a delivery last succeeded. */
  lastDeliveredAt: string | null;
}

export async function webhookStatuses(db: Database, projectId: string): Promise<WebhookUrlStatus[]> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { webhooks: true } });
  if (!project) throw new UserError("That project does not exist", "not_found");
  return Promise.all(
    webhookUrls(project.webhooks).map(async (url, index) => {
      const [latest, delivered] = await Promise.all([
        db.webhookDelivery.findFirst({ where: { projectId, url }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
        db.webhookDelivery.findFirst({
          where: { projectId, url, status: "delivered" },
          orderBy: { deliveredAt: "desc" },
          select: { deliveredAt: true },
        }),
      ]);
      const state: WebhookState = !latest
        ? "none"
        : latest.status === "delivered"
          ? "delivered"
          : latest.status === "failed"
            ? "failed"
            : latest.attempts > 0
              ? "retrying"
              : "sending";
      return {
        index,
        url: maskWebhookUrl(url),
        state,
        lastEvent: latest?.event ?? null,
        attempts: latest?.attempts ?? 0,
        lastStatusCode: latest?.lastStatusCode ?? null,
        lastError: latest?.lastError ?? null,
        nextAttemptAt: state === "retrying" ? latest!.nextAttemptAt.toISOString() : null,
        lastDeliveredAt: delivered?.deliveredAt?.toISOString() ?? null,
      };
    }),
  );
}
