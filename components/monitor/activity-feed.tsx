"use client";
// A package's live activity (Claude Code): each tool call as it happens (file written or edited,
// command run) with its outcome, the agent's messages and API retries, then the final result.
// It reloads when the package's output grows and keeps the newest item in view.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { ActivityItem } from "@/lib/core/agents/activity";
import { formatUsd } from "@/lib/core/run/budget";
import { formatTokens } from "@/lib/core/run/usage";
import { fetchJson } from "@/lib/client/fetch-json";
import { runKeys } from "@/lib/client/query-keys";

interface ActivityResponse {
  supported: boolean;
  attempt: {
    number: number;
    role: string;
    status: string;
    costUsd: number | null;
    inputTokens: number | null;
    outputTokens: number | null;
    sessionId: string | null;
  } | null;
  items: ActivityItem[];
  omitted: number;
  toolCalls: number;
  truncated: boolean;
}

const STATE_MARK = { running: "…", ok: "✓", error: "✗", stopped: "–" } as const;
const STATE_LABEL = { running: "running", ok: "done", error: "failed", stopped: "did not finish" } as const;

/** `live`: a tool call without a result is still running; once the attempt ended, it never finished. */
function Item({ item, live }: { item: ActivityItem; live: boolean }) {
  switch (item.kind) {
    case "tool": {
      const state = item.state === "running" && !live ? "stopped" : item.state;
      return (
        <li data-testid="activity-tool" className="flex flex-col gap-0.5">
          <span className="flex items-baseline gap-2">
            <span
              aria-label={STATE_LABEL[state]}
              title={STATE_LABEL[state]}
              className={
                state === "error"
                  ? "text-red-600 dark:text-red-400"
                  : state === "ok"
                    ? "text-emerald-700 dark:text-emerald-400"
                    : "text-zinc-600 dark:text-zinc-400"
              }
            >
              {STATE_MARK[state]}
            </span>{" "}
            <span className="font-semibold">{item.tool}</span>{" "}
            <span className="break-all font-mono text-xs">{item.detail}</span>
          </span>
          {state === "error" && item.output && (
            <pre className="ml-5 max-h-24 overflow-auto whitespace-pre-wrap rounded bg-red-50 p-1 text-xs text-red-900 dark:bg-red-950/50 dark:text-red-200">
              {item.output}
            </pre>
          )}
        </li>
      );
    }
    case "message":
      return (
        <li
          data-testid="activity-message"
          className="whitespace-pre-wrap border-l-2 border-indigo-300 pl-2 text-zinc-700 dark:border-indigo-700 dark:text-zinc-300"
        >
          {item.text}
        </li>
      );
    case "retry":
      return (
        <li data-testid="activity-retry" className="text-amber-800 dark:text-amber-300">
          ↻ API retry {item.attempt}
          {item.maxRetries ? ` of ${item.maxRetries}` : ""}: {item.error}
        </li>
      );
    case "session":
      return (
        <li className="text-xs text-zinc-500 dark:text-zinc-400">
          Session <span className="font-mono">{item.sessionId}</span>
          {item.model ? ` · ${item.model}` : ""}
        </li>
      );
    case "result":
      return (
        <li
          data-testid="activity-result"
          className={`rounded px-2 py-1 ${item.ok ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200" : "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200"}`}
        >
          {item.ok ? "Finished" : "Ended with an error"}
          {item.turns !== null && ` after ${item.turns} ${item.turns === 1 ? "turn" : "turns"}`}
          {item.durationMs !== null && ` in ${Math.round(item.durationMs / 1000)} s`}
          {item.costUsd !== null && ` · ${formatUsd(item.costUsd)}`}
          {item.text && <span className="mt-0.5 block whitespace-pre-wrap text-xs">{item.text}</span>}
        </li>
      );
  }
}

/** `live`: the attempt is still running (it reloads as its output grows); a finished one loads once. */
export function ActivityFeed({
  runId,
  wpId,
  attempt,
  knownSize,
  live,
}: {
  runId: string;
  wpId: string;
  attempt: number;
  knownSize: number;
  live: boolean;
}) {
  const { data, error } = useQuery({
    queryKey: runKeys.activity(runId, wpId, attempt, live ? knownSize : -1),
    staleTime: live ? 0 : Infinity,
    queryFn: () => fetchJson<ActivityResponse>(`/api/runs/${runId}/work-packages/${wpId}/activity?attempt=${attempt}`),
    placeholderData: (previous) => previous,
  });
  const end = useRef<HTMLLIElement>(null);
  const count = data?.items.length ?? 0;
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [count]);
  const a = data?.attempt;
  return (
    <div className="flex flex-col">
      <p
        className="flex flex-wrap gap-x-3 border-b border-zinc-200 px-3 py-1.5 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
        data-testid="activity-summary"
      >
        <span>
          attempt {attempt}
          {a ? ` · ${a.role}` : ""}
        </span>
        <span>
          {data?.toolCalls ?? 0} {data?.toolCalls === 1 ? "tool call" : "tool calls"}
        </span>
        {a?.costUsd != null && <span>{formatUsd(a.costUsd)}</span>}
        {a && (a.inputTokens !== null || a.outputTokens !== null) && (
          <span>
            {formatTokens(a.inputTokens ?? 0)} in / {formatTokens(a.outputTokens ?? 0)} out tokens
          </span>
        )}
        {a?.sessionId && (
          <span>
            session <span className="font-mono">{a.sessionId}</span>
          </span>
        )}
      </p>
      <ol aria-label={`Activity of ${wpId}`} className="flex h-80 flex-col gap-1.5 overflow-auto p-3 text-sm">
        {data && data.omitted > 0 && (
          <li className="text-xs text-zinc-600 dark:text-zinc-400">
            {data.omitted} earlier items not shown{data.truncated ? " (and more before the last 4 MB of output)" : ""}
          </li>
        )}
        {error && (
          <li role="alert" className="text-red-700 dark:text-red-400">
            Activity unavailable: {(error as Error).message}
          </li>
        )}
        {data && count === 0 && !error && <li className="text-zinc-500 dark:text-zinc-400">No activity yet.</li>}
        {data?.items.map((item, i) => (
          <Item key={i} item={item} live={live} />
        ))}
        <li ref={end} aria-hidden className="h-0" />
      </ol>
    </div>
  );
}
