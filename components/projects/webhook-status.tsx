"use client";
// Under the settings form: how each webhook URL is doing (its last delivery, or failing with the
// last error and attempts, or nothing sent yet), with "Send a test". URLs are shown masked.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { WebhookUrlStatus } from "@/lib/server/webhooks/webhook-status";

const key = (projectId: string) => ["projects", projectId, "webhooks"] as const;

/** A fixed, time-zone-free form, so the server's and the browser's render agree. */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

const EVENT_WORDS: Record<string, string> = {
  "run.completed": "run completed",
  "run.needs_attention": "run needs attention",
  "package.failed": "package failed",
  "webhook.test": "test",
};

function describe(status: WebhookUrlStatus): { tone: "ok" | "bad" | "wait" | "none"; text: string } {
  const event = status.lastEvent ? (EVENT_WORDS[status.lastEvent] ?? status.lastEvent) : "";
  const tries = `${status.attempts} attempt${status.attempts === 1 ? "" : "s"}`;
  switch (status.state) {
    case "none":
      return { tone: "none", text: "Nothing sent yet" };
    case "sending":
      return { tone: "wait", text: `Sending (${event})…` };
    case "delivered":
      return {
        tone: "ok",
        text: `Delivered (${event})${status.lastDeliveredAt ? ` at ${when(status.lastDeliveredAt)}` : ""}`,
      };
    case "retrying":
      return {
        tone: "bad",
        text: `Failing (${event}), ${tries}, retrying${status.nextAttemptAt ? ` at ${when(status.nextAttemptAt)}` : ""}: ${status.lastError ?? "no answer"}`,
      };
    case "failed":
      return { tone: "bad", text: `Failed (${event}) after ${tries}: ${status.lastError ?? "no answer"}` };
  }
}

const TONES = {
  ok: "text-emerald-700 dark:text-emerald-400",
  bad: "text-red-700 dark:text-red-400",
  wait: "text-zinc-700 dark:text-zinc-300",
  none: "text-zinc-600 dark:text-zinc-400",
};

export function WebhookStatus({ projectId, initial }: { projectId: string; initial: WebhookUrlStatus[] }) {
  const client = useQueryClient();
  const { data = initial } = useQuery({
    queryKey: key(projectId),
    queryFn: () => fetchJson<WebhookUrlStatus[]>(`/api/projects/${encodeURIComponent(projectId)}/webhooks`),
    initialData: initial,
    // The list follows a save of the form and the deliveries as they go.
    refetchInterval: 3_000,
  });
  const test = useMutation({
    mutationFn: (index: number) =>
      fetchJson<WebhookUrlStatus[]>(`/api/projects/${encodeURIComponent(projectId)}/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ index }),
      }),
    onSuccess: (statuses) => client.setQueryData(key(projectId), statuses),
  });
  if (data.length === 0) return null;
  return (
    <section aria-labelledby="webhook-status-title" className="mt-8 max-w-3xl" data-testid="webhook-status">
      <h2 id="webhook-status-title" className="text-base font-semibold">
        Webhook deliveries
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        A failing webhook is retried with backoff (5 attempts) and never slows a run.
      </p>
      <ul className="mt-3 divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {data.map((status) => {
          const { tone, text } = describe(status);
          return (
            <li
              key={status.index}
              className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between"
            >
              <div className="min-w-0">
                <p className="break-all font-mono text-sm">{status.url}</p>
                <p className={`mt-0.5 break-words text-sm ${TONES[tone]}`} data-testid="webhook-state">
                  {text}
                </p>
              </div>
              <button
                type="button"
                onClick={() => test.mutate(status.index)}
                disabled={test.isPending}
                aria-label={`Send a test to webhook ${status.index + 1} (${status.url})`}
                className="w-fit shrink-0 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 disabled:cursor-wait dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
              >
                Send a test
              </button>
            </li>
          );
        })}
      </ul>
      {test.isError && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {test.error.message}
        </p>
      )}
    </section>
  );
}
