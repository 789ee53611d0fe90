// Gemini CLI's `--output-format stream-json`: one JSON event a line. `init` names the session
// (which `--resume` continues) and the model, `message` carries the user's prompt and the
// assistant's text (streamed in `delta` chunks), `tool_use`/`tool_result` its tool calls, and
// `result` ends it with a status and token stats per model. Lines that are not JSON stay log.
import type { AgentEvent, AgentSummary } from "./agent-output";
import type { AgentSettings } from "./agent-types";
import type { UsageLine } from "./live-usage";
import { costOf, priceFor } from "./model-prices";
import { isObject, num, parseJson, str, type Json, jsonEvents } from "./json-lines";

/** The gist of a tool call: the file it touches or the command it runs. */
function toolDetail(parameters: unknown): string {
  if (!isObject(parameters)) return "";
  return (
    str(parameters.file_path) ||
    str(parameters.command) ||
    str(parameters.dir_path) ||
    str(parameters.path) ||
    str(parameters.pattern) ||
    str(parameters.url) ||
    str(parameters.query)
  );
}

const errorText = (value: unknown): string => (isObject(value) ? str(value.message) : str(value));

export function parseGeminiLine(line: string): AgentEvent[] {
  const event = parseJson(line.trim());
  if (!event) return line.trim() ? [{ kind: "log", text: line }] : [];
  switch (event.type) {
    case "init":
      return [{ kind: "session", sessionId: str(event.session_id), model: str(event.model) || null }];
    case "message":
      if (event.role !== "assistant" || !str(event.content)) return [];
      return [{ kind: "message", text: str(event.content), ...(event.delta === true ? { append: true } : {}) }];
    case "tool_use":
      return [
        { kind: "tool", id: str(event.tool_id), tool: str(event.tool_name), detail: toolDetail(event.parameters) },
      ];
    case "tool_result": {
      const ok = str(event.status) === "success";
      const text = ok ? str(event.output) : errorText(event.error) || str(event.output);
      return [{ kind: "tool-result", toolUseId: str(event.tool_id), ok, text: text.slice(0, 2000) }];
    }
    case "result": {
      const stats = isObject(event.stats) ? event.stats : {};
      return [
        {
          kind: "result",
          ok: str(event.status) === "success",
          text: str(event.status) === "success" ? "" : errorText(event.error),
          costUsd: null,
          turns: null,
          durationMs: num(stats.duration_ms),
        },
      ];
    }
    default:
      return [];
  }
}

/** Output tokens as billed: the answer's and the model's thinking (in the total, not in output_tokens). */
function billedOutput(t: Json): number {
  const output = num(t.output_tokens) ?? 0;
  const total = num(t.total_tokens);
  const input = num(t.input_tokens) ?? 0;
  return total !== null ? Math.max(output, total - input) : output;
}

interface ModelTokens {
  model: string;
  input: number;
  cached: number;
  output: number;
}

function tokensByModel(result: Json): ModelTokens[] {
  const stats = isObject(result.stats) ? result.stats : {};
  const models = isObject(stats.models) ? stats.models : {};
  return Object.entries(models)
    .filter((entry): entry is [string, Json] => isObject(entry[1]))
    .map(([model, t]) => ({
      model,
      input: num(t.input_tokens) ?? 0,
      cached: num(t.cached) ?? 0,
      output: billedOutput(t),
    }));
}

/** The attempt's tokens, once, from its result line. */
export function geminiUsageLine(line: string): UsageLine | null {
  if (!line.includes('"result"')) return null;
  const event = parseJson(line.trim());
  if (event?.type !== "result" || !isObject(event.stats)) return null;
  return { kind: "total", costUsd: null, input: num(event.stats.input_tokens), output: billedOutput(event.stats) };
}

/** The assistant's last answer: its text after the last tool call, chunks joined. */
function lastAnswer(all: Json[]): string {
  const lastTool = all.map((e) => e.type === "tool_use" || e.type === "tool_result").lastIndexOf(true);
  return all
    .slice(lastTool + 1)
    .filter((e) => e.type === "message" && e.role === "assistant")
    .map((e) => str(e.content))
    .join("");
}

/** Outcome, tokens and cost (each model at its price; unknown when one model has none). */
export function summarizeGemini(head: string, tail: string, settings?: AgentSettings): AgentSummary {
  const start = jsonEvents(head);
  const end = jsonEvents(tail);
  const init = [...start, ...end].find((e) => e.type === "init");
  const result = [...end].reverse().find((e) => e.type === "result");
  const sessionId = init ? str(init.session_id) || null : null;
  if (!result) {
    return {
      summary: lastAnswer(end).slice(0, 2000),
      costUsd: null,
      inputTokens: null,
      outputTokens: null,
      sessionId,
      failure: "Gemini CLI ended without a result line",
    };
  }
  const stats = isObject(result.stats) ? result.stats : {};
  const models = tokensByModel(result);
  const own = settings?.modelPrices ?? [];
  const prices = models.map((m) => priceFor(m.model, own));
  const costUsd =
    models.length > 0 && prices.every((p) => p !== null)
      ? models.reduce(
          (sum, m, i) => sum + costOf({ input: m.input, cachedInput: m.cached, output: m.output }, prices[i]!),
          0,
        )
      : null;
  const ok = str(result.status) === "success";
  return {
    summary: lastAnswer(end).slice(0, 2000),
    costUsd,
    inputTokens: num(stats.input_tokens),
    outputTokens: isObject(result.stats) ? billedOutput(stats) : null,
    sessionId,
    failure: ok ? null : `Gemini CLI reported an error: ${errorText(result.error) || str(result.status)}`,
  };
}

export function geminiFinalText(stdout: string): string {
  return lastAnswer(jsonEvents(stdout));
}
