// Claude Code's `--output-format stream-json --verbose`: one JSON object a line (system/init,
// assistant, user, system/api_retry, result). Lines that are not JSON stay plain log output.
import type { AgentEvent, AgentSummary } from "./agent-output";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function parseJson(line: string): Json | null {
  if (!line.startsWith("{")) return null;
  try {
    const value = JSON.parse(line);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** "Write src/auth/oauth.ts", "Bash npm test": the gist of a tool call. */
function toolDetail(name: string, input: unknown): string {
  if (!isObject(input)) return "";
  return str(input.file_path) || str(input.command) || str(input.path) || str(input.pattern) || str(input.url) || str(input.description);
}

/** The events of one stream-json line (an assistant line may hold several content blocks). */
export function parseClaudeLine(line: string): AgentEvent[] {
  const event = parseJson(line.trim());
  if (!event) return line.trim() ? [{ kind: "log", text: line }] : [];
  const type = str(event.type);
  if (type === "system" && event.subtype === "init") return [{ kind: "session", sessionId: str(event.session_id), model: str(event.model) || null }];
  if (type === "system" && event.subtype === "api_retry") {
    return [{ kind: "retry", attempt: num(event.attempt) ?? 0, error: str(event.error_status) || str(event.error) || "API error" }];
  }
  if (type === "assistant" && isObject(event.message) && Array.isArray(event.message.content)) {
    return event.message.content.flatMap((block): AgentEvent[] => {
      if (!isObject(block)) return [];
      if (block.type === "text" && str(block.text).trim()) return [{ kind: "message", text: str(block.text) }];
      if (block.type === "tool_use") return [{ kind: "tool", tool: str(block.name), detail: toolDetail(str(block.name), block.input) }];
      return [];
    });
  }
  if (type === "user" && isObject(event.message) && Array.isArray(event.message.content)) {
    return event.message.content.flatMap((block): AgentEvent[] =>
      isObject(block) && block.type === "tool_result"
        ? [{ kind: "tool-result", ok: block.is_error !== true, text: typeof block.content === "string" ? block.content.slice(0, 500) : "" }]
        : [],
    );
  }
  if (type === "result") {
    return [{ kind: "result", ok: event.is_error !== true && str(event.subtype) === "success", text: str(event.result), costUsd: num(event.total_cost_usd), turns: num(event.num_turns) }];
  }
  return [];
}

/** The run's outcome from the end of its stream: the final result line, cost, tokens, session. */
export function summarizeClaude(_head: string, tail: string): AgentSummary {
  const lines = tail.split("\n").map((l) => parseJson(l.trim())).filter((e): e is Json => e !== null);
  const result = [...lines].reverse().find((e) => e.type === "result");
  const init = lines.find((e) => e.type === "system" && e.subtype === "init");
  if (!result) {
    return { summary: "", costUsd: null, inputTokens: null, outputTokens: null, sessionId: init ? str(init.session_id) || null : null, failure: "Claude Code ended without a result line" };
  }
  const usage = isObject(result.usage) ? result.usage : {};
  const subtype = str(result.subtype);
  let failure: string | null = null;
  if (subtype === "error_max_turns") failure = `Claude Code stopped at the turn limit (${num(result.num_turns) ?? "?"} turns)`;
  else if (result.is_error === true || (subtype && subtype !== "success")) failure = `Claude Code reported an error: ${str(result.result) || subtype}`;
  return {
    summary: str(result.result).slice(0, 2000),
    costUsd: num(result.total_cost_usd),
    inputTokens: num(usage.input_tokens),
    outputTokens: num(usage.output_tokens),
    sessionId: str(result.session_id) || (init ? str(init.session_id) : "") || null,
    failure,
  };
}

/** The whole final answer: the result line's text, or the assistant's messages if there is none. */
export function claudeFinalText(stdout: string): string {
  const events = stdout.split("\n").map((l) => parseJson(l.trim())).filter((e): e is Json => e !== null);
  const result = [...events].reverse().find((e) => e.type === "result");
  if (result && str(result.result)) return str(result.result);
  return events
    .flatMap((e) => (e.type === "assistant" && isObject(e.message) && Array.isArray(e.message.content) ? e.message.content : []))
    .filter((b): b is Json => isObject(b) && b.type === "text")
    .map((b) => str(b.text))
    .join("\n");
}
