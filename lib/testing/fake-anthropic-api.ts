// A fake Anthropic Messages API on 127.0.0.1 that drives the real Claude Code CLI offline.
// Each conversation follows a script: the test names it with a marker in the prompt
// ("[[script:NAME]]"), and the script answers each request from what the conversation holds (its
// turn, how often it was called, the last user message). Steps are tool uses the CLI really runs
// (Write, Edit, Bash), a final text, or an HTTP error (which the CLI retries). Requests without
// tools (the CLI's own side queries) get a short text answer.
import http from "node:http";
import { listenOnLoopback } from "./loopback-server";

export type ToolCall =
  | { name: "Write"; input: { file_path: string; content: string } }
  | { name: "Edit"; input: { file_path: string; old_string: string; new_string: string } }
  | { name: "Bash"; input: { command: string; description?: string } }
  | { name: string; input: Record<string, unknown> };

export type Step =
  | { tools: ToolCall[]; text?: string; usage?: Usage }
  | { text: string; usage?: Usage }
  | { error: number; message?: string };

export interface Usage {
  input_tokens: number;
  output_tokens: number;
}

export interface Turn {
  /** The CLI's working directory (from its system prompt). */
  cwd: string;
  /** Assistant turns already in the conversation. */
  turn: number;
  /** Requests this script answered before this one (errors included). */
  call: number;
  /** The text of the conversation's first and last user messages. */
  firstUser: string;
  lastUser: string;
}

/** Answers one request of a conversation. */
export type Script = (turn: Turn) => Step;

/** A script that plays steps in order, one per assistant turn (the last one repeats). */
export const sequence =
  (steps: (cwd: string) => Step[]): Script =>
  ({ cwd, turn }) => {
    const all = steps(cwd);
    return all[Math.min(turn, all.length - 1)];
  };

export interface FakeAnthropicApi {
  url: string;
  /** Every /v1/messages request body received, in order. */
  requests: Array<{ script: string | null; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const DEFAULT_USAGE: Usage = { input_tokens: 1200, output_tokens: 300 };

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value))
    return value
      .map((b) =>
        b && typeof b === "object" && "text" in b
          ? String((b as { text: unknown }).text)
          : textOf((b as { content?: unknown })?.content),
      )
      .join("\n");
  return "";
}

function sse(res: http.ServerResponse, event: string, data: object) {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function streamTurn(
  res: http.ServerResponse,
  model: string,
  step: Extract<Step, { text: string } | { tools: ToolCall[] }>,
  turn: number,
) {
  const usage = step.usage ?? DEFAULT_USAGE;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": `req_${turn}` });
  sse(res, "message_start", {
    type: "message_start",
    message: {
      id: `msg_fake_${turn}_${Date.now()}`,
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: 1,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    },
  });
  let index = 0;
  if (step.text) {
    sse(res, "content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } });
    sse(res, "content_block_delta", {
      type: "content_block_delta",
      index,
      delta: { type: "text_delta", text: step.text },
    });
    sse(res, "content_block_stop", { type: "content_block_stop", index });
    index++;
  }
  const tools = "tools" in step ? step.tools : [];
  tools.forEach((tool, i) => {
    sse(res, "content_block_start", {
      type: "content_block_start",
      index,
      content_block: { type: "tool_use", id: `toolu_fake_${turn}_${i}`, name: tool.name, input: {} },
    });
    sse(res, "content_block_delta", {
      type: "content_block_delta",
      index,
      delta: { type: "input_json_delta", partial_json: JSON.stringify(tool.input) },
    });
    sse(res, "content_block_stop", { type: "content_block_stop", index });
    index++;
  });
  sse(res, "message_delta", {
    type: "message_delta",
    delta: { stop_reason: tools.length > 0 ? "tool_use" : "end_turn", stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  sse(res, "message_stop", { type: "message_stop" });
  res.end();
}

function sendError(res: http.ServerResponse, status: number, message: string) {
  const type =
    status === 529
      ? "overloaded_error"
      : status === 429
        ? "rate_limit_error"
        : status >= 500
          ? "api_error"
          : status === 401
            ? "authentication_error"
            : "invalid_request_error";
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ type: "error", error: { type, message } }));
}

export async function startFakeAnthropicApi(scripts: Record<string, Script>, port = 0): Promise<FakeAnthropicApi> {
  const requests: FakeAnthropicApi["requests"] = [];
  const calls = new Map<string, number>();
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        sendError(res, 400, "invalid JSON");
        return;
      }
      const model = typeof body.model === "string" ? body.model : "claude-sonnet-4-5";
      const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role: string; content: unknown }>) : [];
      const name = /\[\[script:([\w-]+)\]\]/.exec(messages.map((m) => textOf(m.content)).join("\n"))?.[1] ?? null;
      requests.push({ script: name, body });
      const hasTools = Array.isArray(body.tools) && body.tools.length > 0;
      const script = name ? scripts[name] : undefined;
      if (!hasTools || !name || !script) {
        streamTurn(res, model, { text: "ok", usage: { input_tokens: 10, output_tokens: 2 } }, 0);
        return;
      }
      // Older CLIs say it in the system prompt, newer ones in a later message ("Primary working
      // directory: …"). Never guess: a tool call with a wrong path would write outside the test's folders.
      const context = [textOf(body.system), ...messages.map((m) => textOf(m.content))].join("\n");
      const cwd = /working directory: (\S+)/i.exec(context)?.[1];
      if (!cwd) {
        sendError(res, 400, "the fake API found no working directory in the request");
        return;
      }
      const call = calls.get(name) ?? 0;
      calls.set(name, call + 1);
      const turn = messages.filter((m) => m.role === "assistant").length;
      const lastUser = textOf([...messages].reverse().find((m) => m.role === "user")?.content);
      const firstUser = textOf(messages.find((m) => m.role === "user")?.content);
      const step = script({ cwd, turn, call, firstUser, lastUser });
      if ("error" in step) sendError(res, step.error, step.message ?? "Overloaded");
      else streamTurn(res, model, step, turn);
    });
  });
  const { url, close } = await listenOnLoopback(server, port);
  return { url, requests, close };
}
