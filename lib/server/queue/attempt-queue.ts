// The attempt queue on pg-boss (Postgres mode only): an orchestrator sends an attempt's id, a
// runner host fetches it when it has room. Delivery is at least once: a runner that fetched a
// job and died before claiming its attempt leaves it to expire and come back; claiming the
// attempt row (lib/server/runners/runner-host.ts) makes a second delivery harmless.
import PgBoss from "pg-boss";
import { ATTEMPT_QUEUE } from "@/lib/core/runners/attempt-job";

export interface AttemptQueue {
  /** Queues an attempt's id (`afterSeconds`: not before then). */
  send(attemptId: string, options?: { afterSeconds?: number }): Promise<void>;
  /** The next attempt id to run, or null when the queue is empty. */
  fetch(): Promise<{ jobId: string; attemptId: string } | null>;
  complete(jobId: string): Promise<void>;
  stop(): Promise<void>;
}

/** Opens the queue (creating pg-boss's schema and the queue on first use). */
export async function openAttemptQueue(
  connectionString: string,
  options: { maintenance?: boolean } = {},
): Promise<AttemptQueue> {
  const boss = new PgBoss({
    connectionString,
    application_name: "flotilla-queue",
    max: 3,
    // Maintenance (expiring jobs, archiving) runs on runner hosts; senders only send.
    supervise: options.maintenance ?? false,
    schedule: false,
  });
  boss.on("error", (err) => console.error("[flotilla] attempt queue:", err.message));
  await boss.start();
  await boss.createQueue(ATTEMPT_QUEUE, {
    name: ATTEMPT_QUEUE,
    // A fetched job not claimed within a minute (its runner died) is delivered again.
    expireInSeconds: 60,
    retryLimit: 20,
    retryDelay: 1,
  });
  return {
    async send(attemptId, sendOptions = {}) {
      // A repeated send (an orchestrator restarted mid-dispatch) is harmless: claiming is by id.
      await boss.send(
        ATTEMPT_QUEUE,
        { attemptId },
        sendOptions.afterSeconds ? { startAfter: sendOptions.afterSeconds } : {},
      );
    },
    async fetch() {
      const [job] = await boss.fetch<{ attemptId?: unknown }>(ATTEMPT_QUEUE, { batchSize: 1 });
      if (!job) return null;
      const attemptId = typeof job.data?.attemptId === "string" ? job.data.attemptId : null;
      if (!attemptId) {
        // Not one of ours: nothing to run, and it must not come back.
        await boss.complete(ATTEMPT_QUEUE, job.id);
        return null;
      }
      return { jobId: job.id, attemptId };
    },
    async complete(jobId) {
      await boss.complete(ATTEMPT_QUEUE, jobId);
    },
    async stop() {
      await boss.stop({ graceful: false, wait: true });
    },
  };
}

const opened = new Set<Promise<AttemptQueue>>();

/** The queue opened on first use (an orchestrator that never dispatches never connects to pg-boss). */
export function lazyAttemptQueue(connectionString: string): () => Promise<AttemptQueue> {
  let queue: Promise<AttemptQueue> | null = null;
  return () => {
    if (!queue) {
      queue = openAttemptQueue(connectionString);
      opened.add(queue);
      // A failed open is tried again on the next dispatch.
      queue.catch(() => {
        if (queue) opened.delete(queue);
        queue = null;
      });
    }
    return queue;
  };
}

/** Closes every queue this process opened lazily (the CLI, before it exits). */
export async function closeAttemptQueues(): Promise<void> {
  const all = [...opened];
  opened.clear();
  await Promise.all(all.map((q) => q.then((queue) => queue.stop()).catch(() => {})));
}
