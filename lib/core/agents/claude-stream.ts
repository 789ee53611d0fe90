// Claude Code's `--output-format stream-json --verbose`: one JSON object a line (system/init,
// assistant, user, system/api_retry, result). Lines that are not JSON stay plain log output.
import type { UsageLine } from "./live-usage";
import type { AgentEvent, AgentSummary } from "./agent-output";
import { isObject, num, parseJson, str, type Json } from "./json-lines";

/** "Write src/auth/oauth.ts", "Bash npm test": the gist of a tool call. */
function toolDetail(input: unknown): string {
  if (!isObject(input)) return "";
  return (
    str(input.file_path) ||
    str(input.command) ||
    str(input.notebook_path) ||
    str(input.path) ||
    str(input.pattern) ||
    str(input.url) ||
    str(input.query) ||
    str(input.description)
  );
}

/** A tool result's text: a plain string, or the text blocks of a content array. */
function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .filter(isObject)
      .map((b) => str(b.text))
      .join("\n");
  return "";
}

/** "529 overloaded", "500 server_error": what the API answered. */
function apiError(event: Json): string {
  const status = num(event.error_status);
  const error = str(event.error);
  return [status, error].filter((v) => v !== null && v !== "").join(" ") || "API error";
}

/** The events of one stream-json line (an assistant line may hold several content blocks). */
export function parseClaudeLine(line: string): AgentEvent[] {
  const event = parseJson(line.trim());
  if (!event) return line.trim() ? [{ kind: "log", text: line }] : [];
  const type = str(event.type);
  if (type === "system" && event.subtype === "init")
    return [{ kind: "session", sessionId: str(event.session_id), model: str(event.model) || null }];
  if (type === "system" && event.subtype === "api_retry") {
    return [
      {
        kind: "retry",
        attempt: num(event.attempt) ?? 0,
        maxRetries: num(event.max_retries),
        error: apiError(event),
        delayMs: num(event.retry_delay_ms),
      },
    ];
  }
  if (type === "assistant" && isObject(event.message) && Array.isArray(event.message.content)) {
    return event.message.content.flatMap((block): AgentEvent[] => {
      if (!isObject(block)) return [];
      if (block.type === "text" && str(block.text).trim()) return [{ kind: "message", text: str(block.text) }];
      if (block.type === "tool_use")
        return [{ kind: "tool", id: str(block.id), tool: str(block.name), detail: toolDetail(block.input) }];
      return [];
    });
  }
  if (type === "user" && isObject(event.message) && Array.isArray(event.message.content)) {
    return event.message.content.flatMap((block): AgentEvent[] =>
      isObject(block) && block.type === "tool_result"
        ? [
            {
              kind: "tool-result",
              toolUseId: str(block.tool_use_id),
              ok: block.is_error !== true,
              text: resultText(block.content).slice(0, 2000),
            },
          ]
        : [],
    );
  }
  if (type === "result") {
    return [
      {
        kind: "result",
        ok: event.is_error !== true && str(event.subtype) === "success",
        text: str(event.result),
        costUsd: num(event.total_cost_usd),
        turns: num(event.num_turns),
        durationMs: num(event.duration_ms),
      },
    ];
  }
  return [];
}

/** Why a result line means failure, in words; null when it does not. */
function failureOf(result: Json, retries: Json[]): string | null {
  const subtype = str(result.subtype);
  const text = str(result.result).trim();
  if (subtype === "error_max_turns") {
    const limit = /maximum number of turns \((\d+)\)/i.exec(
      Array.isArray(result.errors) ? result.errors.map(str).join(" ") : "",
    )?.[1];
    return `Claude Code stopped at the turn limit${limit ? ` of ${limit}` : ""} after ${num(result.num_turns) ?? "?"} turns (raise --max-turns in the extra arguments, or split the package)`;
  }
  if (subtype === "error_max_budget_usd")
    return `Claude Code stopped at its spending limit (--max-budget-usd: what was left of the run's budget) after ${num(result.num_turns) ?? "?"} turns`;
  const status = num(result.api_error_status);
  if (status !== null) {
    const tries = retries.length > 0 ? ` after ${retries.length} ${retries.length === 1 ? "retry" : "retries"}` : "";
    return `API error ${status}${tries}${text ? `: ${text.replace(/^API Error: \d+\s*/i, "")}` : ""}`;
  }
  if (result.is_error === true || (subtype && subtype !== "success")) {
    const errors = Array.isArray(result.errors) ? result.errors.map(str).filter(Boolean).join("; ") : "";
    return `Claude Code reported an error: ${text || errors || subtype}`;
  }
  return null;
}

/** The run's outcome from the end of its stream: the final result line, cost, tokens, session. */
export function summarizeClaude(head: string, tail: string): AgentSummary {
  const lines = tail
    .split("\n")
    .map((l) => parseJson(l.trim()))
    .filter((e): e is Json => e !== null);
  const result = [...lines].reverse().find((e) => e.type === "result");
  const init =
    [...head.split("\n"), ...tail.split("\n")]
      .map((l) => parseJson(l.trim()))
      .find((e) => e?.type === "system" && e.subtype === "init") ?? null;
  const initSession = init ? str(init.session_id) || null : null;
  if (!result) {
    const retries = lines.filter((e) => e.type === "system" && e.subtype === "api_retry");
    const last = retries.at(-1);
    const failure = last
      ? `Claude Code ended without a result line, after ${retries.length} API ${retries.length === 1 ? "retry" : "retries"} (last: ${apiError(last)})`
      : "Claude Code ended without a result line";
    return { summary: "", costUsd: null, inputTokens: null, outputTokens: null, sessionId: initSession, failure };
  }
  const usage = isObject(result.usage) ? result.usage : {};
  const input = [usage.input_tokens, usage.cache_read_input_tokens, usage.cache_creation_input_tokens]
    .map(num)
    .filter((n): n is number => n !== null);
  const retries = lines.filter((e) => e.type === "system" && e.subtype === "api_retry");
  const denials = Array.isArray(result.permission_denials)
    ? result.permission_denials
        .filter(isObject)
        .map((d) => str(d.tool_name))
        .filter(Boolean)
    : [];
  const summary = str(result.result).slice(0, 2000);
  return {
    summary:
      denials.length > 0
        ? `${summary}\n\nClaude Code was refused ${denials.length} tool call(s): ${[...new Set(denials)].join(", ")}`
        : summary,
    costUsd: num(result.total_cost_usd),
    inputTokens: input.length > 0 ? input.reduce((a, b) => a + b, 0) : null,
    outputTokens: num(usage.output_tokens),
    sessionId: str(result.session_id) || initSession,
    failure: failureOf(result, retries),
    budgetStop: str(result.subtype) === "error_max_budget_usd",
  };
}

/** The whole final answer: the result line's text, or the assistant's messages if there is none. */
export function claudeFinalText(stdout: string): string {
  const events = stdout
    .split("\n")
    .map((l) => parseJson(l.trim()))
    .filter((e): e is Json => e !== null);
  const result = [...events].reverse().find((e) => e.type === "result");
  if (result && str(result.result)) return str(result.result);
  return events
    .flatMap((e) =>
      e.type === "assistant" && isObject(e.message) && Array.isArray(e.message.content) ? e.message.content : [],
    )
    .filter((b): b is Json => isObject(b) && b.type === "text")
    .map((b) => str(b.text))
    .join("\n");
}

/** The tokens of one assistant message in the stream, while it runs (live burn rate). */
export function claudeUsageLine(line: string): UsageLine | null {
  if (!line.startsWith("{") || !line.includes('"usage"')) return null;
  const event = parseJson(line.trim());
  if (!event || event.type !== "assistant" || !isObject(event.message)) return null;
  const usage = isObject(event.message.usage) ? event.message.usage : null;
  if (!usage) return null;
  const input = [usage.input_tokens, usage.cache_read_input_tokens, usage.cache_creation_input_tokens]
    .map(num)
    .reduce<number>((sum, n) => sum + (n ?? 0), 0);
  return { kind: "delta", id: str(event.message.id) || null, input, output: num(usage.output_tokens) ?? 0 };
}
