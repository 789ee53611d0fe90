// Sends the webhook outbox: claims due rows (a lock time, so two processes never send one row at
// once), POSTs each with a timeout, and records the answer; failures are retried with backoff.
// Runs beside the engine, never inside a tick: a slow or failing endpoint cannot slow a run.
import {
  DEFAULT_BACKOFF_MS,
  DEFAULT_TIMEOUT_MS,
  describeFailedAnswer,
  judgeStatus,
  nextRetryDelay,
} from "@/lib/core/attention/webhook-retry";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";

export interface SenderOptions {
  now?: () => Date;
  random?: () => number;
  /** Waits before each retry; its length + 1 is the number of attempts. */
  backoffMs?: readonly number[];
  /** How long one POST may take. */
  timeoutMs?: number;
  /** Rows claimed per pass. */
  batch?: number;
  fetch?: typeof fetch;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; retry: boolean };

/** The words for a request that got no answer: refused, unknown host, or cut off by the timeout. */
function describeNetworkError(err: unknown, url: string, timeoutMs: number): string {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
    return `No answer from ${host} within ${timeoutMs / 1000} s: the request was cut off`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return `Could not reach ${host} (${why}): check the URL and that the endpoint is up`;
}

async function post(url: string, body: string, id: string, timeoutMs: number, send: typeof fetch): Promise<Outcome> {
  try {
    const response = await send(url, {
      method: "POST",
      // The delivery's id: sent again after a crash between the POST and its record, a receiver
      // can tell it saw this one already.
      headers: { "content-type": "application/json", "user-agent": "Flotilla", "x-flotilla-delivery": id },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const verdict = judgeStatus(response.status);
    if (verdict === "delivered") {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, status: response.status };
    }
    const said = await response.text().catch(() => "");
    return {
      ok: false,
      status: response.status,
      error: describeFailedAnswer(response.status, said.slice(0, 200)),
      retry: verdict === "retry",
    };
  } catch (err) {
    return { ok: false, status: null, error: describeNetworkError(err, url, timeoutMs), retry: true };
  }
}

/** Claims the due rows this process will send now; another process's claim is left alone. */
async function claimDue(db: Database, now: Date, lockMs: number, batch: number) {
  const due = await db.webhookDelivery.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: batch,
  });
  const claimed = [];
  for (const row of due) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { id: row.id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: new Date(now.getTime() + lockMs) },
    });
    if (count === 1) claimed.push(row);
  }
  return claimed;
}

/** Sends every delivery due now, at once (one slow endpoint delays none of the others); returns how many. */
export async function sendDueWebhooks(db: Database, options: SenderOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const schedule = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const claimed = await claimDue(db, now(), timeoutMs + 10_000, options.batch ?? 20);
  await Promise.all(
    claimed.map(async (row) => {
      // A URL removed from the project's settings gets nothing more.
      const project = await db.project.findUnique({ where: { id: row.projectId }, select: { webhooks: true } });
      if (!project || !(JSON.parse(project.webhooks || "[]") as string[]).includes(row.url)) {
        await db.webhookDelivery.update({
          where: { id: row.id },
          data: {
            status: "failed",
            lastError: "Not sent: the URL was removed from the project's webhooks",
            lockedUntil: null,
          },
        });
        return;
      }
      const outcome = await post(row.url, row.payload, row.id, timeoutMs, options.fetch ?? fetch);
      const attempts = row.attempts + 1;
      const at = now();
      if (outcome.ok) {
        await db.webhookDelivery.update({
          where: { id: row.id },
          data: {
            status: "delivered",
            attempts,
            deliveredAt: at,
            lastStatusCode: outcome.status,
            lastError: null,
            lockedUntil: null,
          },
        });
        return;
      }
      const delay = outcome.retry ? nextRetryDelay(attempts, schedule, options.random ?? Math.random) : null;
      const error =
        outcome.retry && delay === null
          ? `${outcome.error}; gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}`
          : outcome.error;
      await db.webhookDelivery.update({
        where: { id: row.id },
        data: {
          status: delay === null ? "failed" : "pending",
          attempts,
          lastStatusCode: outcome.status,
          lastError: maskText(error),
          lockedUntil: null,
          ...(delay === null ? {} : { nextAttemptAt: new Date(at.getTime() + delay) }),
        },
      });
    }),
  );
  return claimed.length;
}

export interface WebhookSender {
  /** Stops the loop; resolves once a pass under way has ended. */
  stop(): Promise<void>;
}

/** Sends due deliveries every `intervalMs` until stopped; logs a failed pass, never throws. */
export function startWebhookSender(db: Database, options: SenderOptions & { intervalMs?: number } = {}): WebhookSender {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let pass: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      pass = sendDueWebhooks(db, options)
        .then(() => undefined)
        .catch((err) => console.error("[flotilla] sending webhooks failed:", err))
        .finally(schedule);
    }, options.intervalMs ?? 1_000);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
  };
}

/**
 * Gives pending deliveries a short, bounded chance before this process exits (the CLI after a
 * run): sends what is due until nothing is pending or `maxMs` passed; the server sends the rest.
 */
export async function drainWebhooks(
  db: Database,
  options: SenderOptions & { maxMs?: number; pollMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.maxMs ?? 5_000);
  try {
    while (Date.now() < deadline) {
      const left = deadline - Date.now();
      await sendDueWebhooks(db, {
        ...options,
        timeoutMs: Math.max(100, Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, left)),
      });
      const pending = await db.webhookDelivery.findFirst({
        where: { status: "pending", nextAttemptAt: { lt: new Date(deadline) } },
        select: { id: true },
      });
      if (!pending) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 200, Math.max(0, left))));
    }
  } catch (err) {
    console.error("[flotilla] sending webhooks before exit failed:", err);
  }
}
