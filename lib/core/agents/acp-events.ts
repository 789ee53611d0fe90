// What Flotilla's ACP client (scripts/acp-client.mjs) prints: one JSON line per thing the agent
// reported. `session` names the session (a retry can continue it), `update` carries an ACP
// session update (message chunks, tool calls and their status, plans, usage with its cost),
// `permission` says what a tool asked and how the project's setting answered, `result` holds the
// turn's stop reason and `error` what went wrong.
import type { AgentEvent, AgentSummary } from "./agent-output";
import type { UsageLine } from "./live-usage";
import { isObject, num, parseJson, str, type Json, jsonEvents } from "./json-lines";

const TOOL_WORD: Record<string, string> = {
  read: "Read",
  edit: "Edit",
  delete: "Delete",
  move: "Move",
  search: "Search",
  execute: "Run",
  think: "Think",
  fetch: "Fetch",
};

/** The text blocks of a tool call's content. */
function contentText(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return content
    .filter(isObject)
    .map((c) => (isObject(c.content) ? str(c.content.text) : c.type === "diff" ? `diff ${str(c.path)}` : ""))
    .filter(Boolean)
    .join("\n");
}

/** "Write src/a.ts" → tool "Edit", detail "Write src/a.ts"; a file's path when the title is bare. */
function toolOf(update: Json): { tool: string; detail: string } {
  const kind = str(update.kind);
  const locations = Array.isArray(update.locations) ? update.locations.filter(isObject) : [];
  const title = str(update.title);
  return { tool: TOOL_WORD[kind] ?? "Tool", detail: title || str(locations[0]?.path) };
}

function updateEvents(update: Json): AgentEvent[] {
  switch (update.sessionUpdate) {
    case "agent_message_chunk": {
      const content = isObject(update.content) ? update.content : {};
      return content.type === "text" && str(content.text)
        ? [{ kind: "message", text: str(content.text), append: true }]
        : [];
    }
    case "tool_call": {
      const id = str(update.toolCallId);
      const status = str(update.status);
      const events: AgentEvent[] = [{ kind: "tool", id, ...toolOf(update) }];
      if (status === "completed" || status === "failed")
        events.push({
          kind: "tool-result",
          toolUseId: id,
          ok: status === "completed",
          text: contentText(update.content),
        });
      return events;
    }
    case "tool_call_update": {
      const id = str(update.toolCallId);
      const status = str(update.status);
      const events: AgentEvent[] = [];
      // A bridge may send the real title and files only now ("Write" first, then "Write a.txt").
      if (str(update.title) || Array.isArray(update.locations)) {
        const { tool, detail } = toolOf(update);
        if (detail) events.push({ kind: "tool-detail", toolUseId: id, tool: update.kind ? tool : null, detail });
      }
      if (status === "completed" || status === "failed") {
        const text = contentText(update.content) || (typeof update.rawOutput === "string" ? update.rawOutput : "");
        events.push({ kind: "tool-result", toolUseId: id, ok: status === "completed", text: text.slice(0, 2000) });
      }
      return events;
    }
    case "plan": {
      const entries = Array.isArray(update.entries) ? update.entries.filter(isObject) : [];
      if (entries.length === 0) return [];
      const lines = entries.map((e) => `${str(e.status) === "completed" ? "[x]" : "[ ]"} ${str(e.content)}`);
      return [{ kind: "message", text: `Plan:\n${lines.join("\n")}` }];
    }
    default:
      return [];
  }
}

const STOPPED: Record<string, string> = {
  max_tokens: "it reached its token limit",
  max_turn_requests: "it reached its limit of model requests in one turn",
  refusal: "it refused to go on",
  cancelled: "the turn was cancelled",
};

export function parseAcpLine(line: string): AgentEvent[] {
  const event = parseJson(line.trim());
  if (!event) return line.trim() ? [{ kind: "log", text: line }] : [];
  switch (event.type) {
    case "session":
      return [{ kind: "session", sessionId: str(event.sessionId), model: null }];
    case "update":
      return isObject(event.update) ? updateEvents(event.update) : [];
    case "permission":
      return [
        {
          kind: "message",
          text: `${event.allowed ? "Allowed" : "Refused"} (the project's permission setting): ${str(event.title)}`,
        },
      ];
    case "result": {
      const reason = str(event.stopReason);
      return [
        {
          kind: "result",
          ok: reason === "end_turn",
          text: reason === "end_turn" ? "" : `The agent stopped: ${STOPPED[reason] ?? reason}`,
          costUsd: null,
          turns: null,
          durationMs: null,
        },
      ];
    }
    case "error":
      return [{ kind: "result", ok: false, text: str(event.message), costUsd: null, turns: null, durationMs: null }];
    // What the client itself has to say (a session it could not continue).
    case "log":
      return str(event.message) ? [{ kind: "message", text: str(event.message) }] : [];
    default:
      return [];
  }
}

/** The session's cost so far, when the agent reports one in dollars. */
function usdCost(event: Json | null): number | null {
  const update = event?.type === "update" && isObject(event.update) ? event.update : null;
  if (!update || update.sessionUpdate !== "usage_update" || !isObject(update.cost)) return null;
  return str(update.cost.currency).toUpperCase() === "USD" ? num(update.cost.amount) : null;
}

export function acpUsageLine(line: string): UsageLine | null {
  if (!line.includes("usage_update")) return null;
  const cost = usdCost(parseJson(line.trim()));
  return cost === null ? null : { kind: "total", costUsd: cost, input: null, output: null };
}

/** The last answer: the message chunks after the last tool call, joined. */
function lastAnswer(all: Json[]): string {
  const updates = all.filter((e) => e.type === "update" && isObject(e.update)).map((e) => e.update as Json);
  const lastTool = updates.map((u) => str(u.sessionUpdate).startsWith("tool_call")).lastIndexOf(true);
  return updates
    .slice(lastTool + 1)
    .filter((u) => u.sessionUpdate === "agent_message_chunk" && isObject(u.content))
    .map((u) => str((u.content as Json).text))
    .join("");
}

export function summarizeAcp(head: string, tail: string): AgentSummary {
  const all = [...jsonEvents(head), ...jsonEvents(tail)];
  const end = jsonEvents(tail);
  const session = all.find((e) => e.type === "session");
  const result = [...end].reverse().find((e) => e.type === "result");
  const error = [...end].reverse().find((e) => e.type === "error");
  const costs = end.map(usdCost).filter((c): c is number => c !== null);
  const reason = result ? str(result.stopReason) : null;
  let failure: string | null = null;
  if (error) failure = `The ACP agent failed: ${str(error.message)}`;
  else if (!result) failure = "The ACP agent ended without finishing its turn";
  else if (reason !== "end_turn") failure = `The ACP agent stopped: ${STOPPED[reason ?? ""] ?? reason}`;
  return {
    summary: lastAnswer(end).slice(0, 2000),
    costUsd: costs.at(-1) ?? null,
    inputTokens: null,
    outputTokens: null,
    sessionId: session ? str(session.sessionId) || null : null,
    failure,
  };
}

export function acpFinalText(stdout: string): string {
  return lastAnswer(jsonEvents(stdout));
}
