// A package's activity feed: the agent's events folded into what a person wants to read. A tool
// call and its result become one item (running until the result arrives); messages, API retries
// and the final result stay as they are. Plain log lines are not activity.
import type { AgentEvent } from "./agent-output";

export type ActivityItem =
  | { kind: "tool"; tool: string; detail: string; state: "running" | "ok" | "error"; output: string }
  | { kind: "message"; text: string }
  | { kind: "retry"; attempt: number; maxRetries: number | null; error: string }
  | { kind: "session"; sessionId: string; model: string | null }
  | {
      kind: "result";
      ok: boolean;
      text: string;
      costUsd: number | null;
      turns: number | null;
      durationMs: number | null;
    };

export interface Activity {
  items: ActivityItem[];
  /** How many items came before the ones kept. */
  omitted: number;
  toolCalls: number;
}

/** Folds events into activity items, keeping the last `limit`. Paths inside `cwd` are shown relative to it. */
export function buildActivity(events: Iterable<AgentEvent>, limit = 500, cwd: string | null = null): Activity {
  const prefix = cwd ? `${cwd.replace(/\/+$/, "")}/` : null;
  const relative = (detail: string) => (prefix && detail.startsWith(prefix) ? detail.slice(prefix.length) : detail);
  const items: ActivityItem[] = [];
  const openTools = new Map<string, Extract<ActivityItem, { kind: "tool" }>>();
  // Streamed chunks join the message they continue, never one that was whole (a plan, a note).
  const streamed = new WeakSet<ActivityItem>();
  let toolCalls = 0;
  for (const event of events) {
    switch (event.kind) {
      case "log":
        break;
      case "tool": {
        const item = {
          kind: "tool" as const,
          tool: event.tool,
          detail: relative(event.detail),
          state: "running" as const,
          output: "",
        };
        items.push(item);
        toolCalls++;
        if (event.id) openTools.set(event.id, item);
        break;
      }
      case "tool-result": {
        const item = openTools.get(event.toolUseId);
        if (!item) break;
        item.state = event.ok ? "ok" : "error";
        item.output = event.text.slice(0, 500);
        openTools.delete(event.toolUseId);
        break;
      }
      case "tool-detail": {
        const item = openTools.get(event.toolUseId);
        if (!item) break;
        if (event.tool) item.tool = event.tool;
        if (event.detail) item.detail = relative(event.detail);
        break;
      }
      case "message": {
        const last = items.at(-1);
        if (event.append && last?.kind === "message" && streamed.has(last)) last.text += event.text;
        else {
          const item = { kind: "message" as const, text: event.text };
          if (event.append) streamed.add(item);
          items.push(item);
        }
        break;
      }
      case "retry":
        items.push({ kind: "retry", attempt: event.attempt, maxRetries: event.maxRetries, error: event.error });
        break;
      case "result": {
        // The final answer usually repeats the last message: say it once.
        const last = items.at(-1);
        items.push(last?.kind === "message" && last.text.trim() === event.text.trim() ? { ...event, text: "" } : event);
        break;
      }
      default:
        items.push(event);
    }
  }
  const omitted = Math.max(0, items.length - limit);
  return { items: items.slice(omitted), omitted, toolCalls };
}

/** One line per item, for the report and the CLI ("✓ Write src/a.ts", "retry 2/10: 529 overloaded"). */
export function activityLine(item: ActivityItem): string {
  switch (item.kind) {
    case "tool":
      return `${item.state === "ok" ? "✓" : item.state === "error" ? "✗" : "…"} ${item.tool}${item.detail ? ` ${item.detail}` : ""}${item.state === "error" && item.output ? ` — ${item.output.split("\n")[0].slice(0, 200)}` : ""}`;
    case "message":
      return `» ${item.text.replace(/\s+/g, " ").slice(0, 300)}`;
    case "retry":
      return `↻ API retry ${item.attempt}${item.maxRetries ? `/${item.maxRetries}` : ""}: ${item.error}`;
    case "session":
      return `session ${item.sessionId}${item.model ? ` (${item.model})` : ""}`;
    case "result":
      return `${item.ok ? "done" : "ended with an error"}${item.turns !== null ? ` after ${item.turns} ${item.turns === 1 ? "turn" : "turns"}` : ""}${item.costUsd !== null ? `, $${item.costUsd.toFixed(4)}` : ""}${item.text ? `: ${item.text.replace(/\s+/g, " ").slice(0, 300)}` : ""}`;
  }
}
