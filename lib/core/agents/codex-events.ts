// Codex CLI's `codex exec --json`: one JSON event a line. `thread.started` names the thread (the
// session a retry resumes), `turn.started`/`turn.completed` (with the turn's token usage) or
// `turn.failed` frame the work, and `item.started`/`item.completed` carry what it did: commands
// with their exit codes, file changes, MCP tool calls, web searches, its plan and its messages.
// Lines that are not JSON stay plain log output.
import type { AgentEvent, AgentSummary } from "./agent-output";
import type { AgentSettings } from "./agent-types";
import type { UsageLine } from "./live-usage";
import { costOf, priceFor, type TokenUsage } from "./model-prices";
import { isObject, num, parseJson, str, type Json, jsonEvents } from "./json-lines";

/** "/bin/bash -lc 'npm test'" → "npm test": the command as the model wrote it. */
export function unwrapShell(command: string): string {
  const quoted = /^(?:\/usr)?(?:\/bin\/)?(?:ba|z)?sh -l?c '((?:[^']|'\\'')*)'$/.exec(command);
  if (quoted) return quoted[1].replace(/'\\''/g, "'");
  const double = /^(?:\/usr)?(?:\/bin\/)?(?:ba|z)?sh -l?c "((?:[^"\\]|\\.)*)"$/.exec(command);
  if (double) return double[1].replace(/\\(["\\$`])/g, "$1");
  return command;
}

const CHANGE_WORD: Record<string, string> = { add: "Add", delete: "Delete", update: "Update" };

function changesOf(item: Json): Array<{ path: string; kind: string }> {
  return Array.isArray(item.changes)
    ? item.changes.filter(isObject).map((c) => ({ path: str(c.path), kind: str(c.kind) }))
    : [];
}

function itemStarted(item: Json): AgentEvent[] {
  const id = str(item.id);
  switch (item.type) {
    case "command_execution":
      return [{ kind: "tool", id, tool: "Run", detail: unwrapShell(str(item.command)) }];
    case "file_change":
      return changesOf(item).map((c, i) => ({
        kind: "tool" as const,
        id: `${id}#${i}`,
        tool: CHANGE_WORD[c.kind] ?? "Edit",
        detail: c.path,
      }));
    case "mcp_tool_call":
      return [{ kind: "tool", id, tool: `${str(item.server)}.${str(item.tool)}`, detail: "" }];
    default:
      return [];
  }
}

function itemCompleted(item: Json): AgentEvent[] {
  const id = str(item.id);
  const ok = str(item.status) !== "failed" && str(item.status) !== "declined";
  switch (item.type) {
    case "command_execution": {
      const exit = num(item.exit_code);
      const output = str(item.aggregated_output);
      return [
        {
          kind: "tool-result",
          toolUseId: id,
          ok: ok && (exit === null || exit === 0),
          text: (exit !== null && exit !== 0 ? `exit code ${exit}\n${output}` : output).slice(0, 2000),
        },
      ];
    }
    case "file_change":
      return [
        ...changesOf(item).map((_, i) => ({ kind: "tool-result" as const, toolUseId: `${id}#${i}`, ok, text: "" })),
      ];
    case "mcp_tool_call": {
      const error = isObject(item.error) ? str(item.error.message) : "";
      return [{ kind: "tool-result", toolUseId: id, ok: ok && !error, text: error.slice(0, 2000) }];
    }
    // A search is reported once it is done.
    case "web_search":
      return [
        { kind: "tool", id, tool: "Web search", detail: str(item.query) },
        { kind: "tool-result", toolUseId: id, ok, text: "" },
      ];
    case "agent_message":
      return str(item.text).trim() ? [{ kind: "message", text: str(item.text) }] : [];
    case "todo_list": {
      const steps = Array.isArray(item.items) ? item.items.filter(isObject) : [];
      if (steps.length === 0) return [];
      const lines = steps.map((s) => `${s.completed === true ? "[x]" : "[ ]"} ${str(s.text)}`);
      return [{ kind: "message", text: `Plan:\n${lines.join("\n")}` }];
    }
    case "error":
      return [{ kind: "log", text: `codex: ${str(item.message)}` }];
    default:
      return [];
  }
}

/** An API error as Codex passes it on ({"error":{"message":…}} as text): its message. */
export function readableError(message: string): string {
  const start = message.indexOf("{");
  if (start < 0) return message;
  try {
    const value = JSON.parse(message.slice(start)) as unknown;
    const error = isObject(value) && isObject(value.error) ? str(value.error.message) : "";
    return error ? `${message.slice(0, start)}${error}`.trim() : message;
  } catch {
    return message;
  }
}

/** "Reconnecting... 2/5 (stream disconnected …)": a retry of the model's API, with its count. */
function retryOf(message: string): AgentEvent | null {
  const match = /Reconnecting\.*\s*(\d+)\/(\d+)/i.exec(message);
  if (!match) return null;
  return { kind: "retry", attempt: Number(match[1]), maxRetries: Number(match[2]), error: message, delayMs: null };
}

/** The events of one line of `codex exec --json`. */
export function parseCodexLine(line: string): AgentEvent[] {
  const event = parseJson(line.trim());
  if (!event) return line.trim() ? [{ kind: "log", text: line }] : [];
  switch (event.type) {
    case "thread.started":
      return [{ kind: "session", sessionId: str(event.thread_id), model: null }];
    case "item.started":
      return isObject(event.item) ? itemStarted(event.item) : [];
    case "item.completed":
      return isObject(event.item) ? itemCompleted(event.item) : [];
    case "turn.completed":
      return [{ kind: "result", ok: true, text: "", costUsd: null, turns: null, durationMs: null }];
    case "turn.failed": {
      const error = isObject(event.error) ? readableError(str(event.error.message)) : "";
      return [{ kind: "result", ok: false, text: error, costUsd: null, turns: null, durationMs: null }];
    }
    case "error": {
      const retry = retryOf(str(event.message));
      return retry ? [retry] : [];
    }
    default:
      return [];
  }
}

function usageOf(event: Json): TokenUsage | null {
  if (!isObject(event.usage)) return null;
  return {
    input: num(event.usage.input_tokens) ?? 0,
    cachedInput: num(event.usage.cached_input_tokens) ?? 0,
    output: num(event.usage.output_tokens) ?? 0,
  };
}

/** A finished turn's tokens, while the attempt runs (Codex reports them once per turn). */
export function codexUsageLine(line: string): UsageLine | null {
  if (!line.includes('"turn.completed"')) return null;
  const event = parseJson(line.trim());
  const usage = event?.type === "turn.completed" ? usageOf(event) : null;
  return usage ? { kind: "delta", id: null, input: usage.input, output: usage.output } : null;
}

const lastMessage = (all: Json[]): string =>
  ([...all]
    .reverse()
    .map((e) => (e.type === "item.completed" && isObject(e.item) && e.item.type === "agent_message" ? e.item : null))
    .find((item) => item && str(item.text).trim())?.text as string | undefined) ?? "";

/** The attempt's outcome from the start and end of its output: thread, tokens, cost, failure. */
export function summarizeCodex(head: string, tail: string, settings?: AgentSettings): AgentSummary {
  const start = jsonEvents(head);
  const end = jsonEvents(tail);
  const thread = [...start, ...end].find((e) => e.type === "thread.started");
  const sessionId = thread ? str(thread.thread_id) || null : null;
  const turns = end.filter((e) => e.type === "turn.completed").map(usageOf);
  const usage = turns.reduce<TokenUsage | null>(
    (sum, u) =>
      u
        ? {
            input: (sum?.input ?? 0) + u.input,
            cachedInput: (sum?.cachedInput ?? 0) + u.cachedInput,
            output: (sum?.output ?? 0) + u.output,
          }
        : sum,
    null,
  );
  const price = priceFor(settings?.model, settings?.modelPrices ?? []);
  const last = [...end].reverse().find((e) => e.type === "turn.completed" || e.type === "turn.failed");
  let failure: string | null = null;
  if (last?.type === "turn.failed") {
    const message = isObject(last.error) ? readableError(str(last.error.message)) : "";
    failure = `Codex reported an error: ${message || "the turn failed"}`;
  } else if (!last) {
    const error = [...end].reverse().find((e) => e.type === "error");
    failure = error
      ? `Codex ended without finishing its turn (last error: ${str(error.message)})`
      : "Codex ended without finishing its turn";
  }
  return {
    summary: lastMessage(end).slice(0, 2000),
    costUsd: usage && price ? costOf(usage, price) : null,
    inputTokens: usage?.input ?? null,
    outputTokens: usage?.output ?? null,
    sessionId,
    failure,
  };
}

/** The whole final answer (a reviewer's verdict, a planner's WBS): Codex's last message. */
export function codexFinalText(stdout: string): string {
  return lastMessage(jsonEvents(stdout));
}
