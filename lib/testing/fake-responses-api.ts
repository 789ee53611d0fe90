// A fake OpenAI Responses API on 127.0.0.1 that drives the real Codex CLI offline (Codex reaches
// it through a custom model provider in a private CODEX_HOME: see codexHome()). Each conversation
// follows a script the test names with a marker in the instructions ("[[script:NAME]]"); a step
// is a shell command Codex really runs (exec_command), a patch it really applies (apply_patch,
// which it reports as a file change), a final message, or an HTTP error.
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { listenOnLoopback } from "./loopback-server";

export type Step =
  | { command: string; usage?: Usage }
  | { patch: string; usage?: Usage }
  | { text: string; usage?: Usage }
  | { error: number; message?: string };

export interface Usage {
  input_tokens: number;
  cached_tokens: number;
  output_tokens: number;
}

export interface Turn {
  /** Codex's working directory (from its environment context). */
  cwd: string;
  /** Tool outputs already in the conversation. */
  turn: number;
  /** Requests this script answered before this one (errors included). */
  call: number;
  /** The newest user message or tool output. */
  last: string;
  /** The whole conversation's text (instructions included). */
  all: string;
}

export type Script = (turn: Turn) => Step;

export interface FakeResponsesApi {
  url: string;
  /** Every /responses request body received, in order. */
  requests: Array<{ script: string | null; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const DEFAULT_USAGE: Usage = { input_tokens: 1000, cached_tokens: 200, output_tokens: 50 };

type Item = Record<string, unknown>;

function textOf(item: Item): string {
  if (typeof item.output === "string") return item.output;
  if (typeof item.arguments === "string") return item.arguments;
  if (Array.isArray(item.content))
    return (item.content as Item[]).map((c) => (typeof c.text === "string" ? c.text : "")).join("\n");
  return "";
}

/** An apply_patch call adding `file` with `content` (Codex's own patch format). */
export function addFilePatch(file: string, content: string): string {
  const lines = content.replace(/\n$/, "").split("\n");
  return ["*** Begin Patch", `*** Add File: ${file}`, ...lines.map((l) => `+${l}`), "*** End Patch"].join("\n");
}

/** An apply_patch call replacing one line of `file`. */
export function updateLinePatch(file: string, from: string, to: string): string {
  return ["*** Begin Patch", `*** Update File: ${file}`, "@@", `-${from}`, `+${to}`, "*** End Patch"].join("\n");
}

function sse(res: http.ServerResponse, type: string, data: object) {
  res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

function answer(res: http.ServerResponse, step: Exclude<Step, { error: number }>, n: number) {
  const usage = step.usage ?? DEFAULT_USAGE;
  let item: Item;
  if ("text" in step) {
    item = { type: "message", id: `msg_${n}`, role: "assistant", content: [{ type: "output_text", text: step.text }] };
  } else {
    const cmd = "command" in step ? step.command : `apply_patch <<'PATCH'\n${step.patch}\nPATCH\n`;
    item = {
      type: "function_call",
      id: `fc_${n}`,
      call_id: `call_${n}`,
      name: "exec_command",
      arguments: JSON.stringify({ cmd }),
    };
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  sse(res, "response.created", { response: { id: `resp_${n}` } });
  sse(res, "response.output_item.added", { output_index: 0, item });
  sse(res, "response.output_item.done", { output_index: 0, item });
  sse(res, "response.completed", {
    response: {
      id: `resp_${n}`,
      usage: {
        input_tokens: usage.input_tokens,
        input_tokens_details: { cached_tokens: usage.cached_tokens },
        output_tokens: usage.output_tokens,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: usage.input_tokens + usage.output_tokens,
      },
    },
  });
  res.end();
}

export async function startFakeResponsesApi(scripts: Record<string, Script>, port = 0): Promise<FakeResponsesApi> {
  const requests: FakeResponsesApi["requests"] = [];
  const calls = new Map<string, number>();
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/responses")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "not here" } }));
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "invalid JSON" } }));
        return;
      }
      n += 1;
      const input = Array.isArray(body.input) ? (body.input as Item[]) : [];
      const all = input.map(textOf).join("\n");
      const name = /\[\[script:([\w-]+)\]\]/.exec(all)?.[1] ?? null;
      requests.push({ script: name, body });
      const script = name ? scripts[name] : undefined;
      if (!name || !script) {
        answer(res, { text: "ok" }, n);
        return;
      }
      // Never guess: a command in a wrong folder would write outside the test's folders.
      const cwd = /<cwd>([^<]+)<\/cwd>/.exec(all)?.[1];
      if (!cwd) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "the fake API found no <cwd> in the input" } }));
        return;
      }
      const call = calls.get(name) ?? 0;
      calls.set(name, call + 1);
      const turn = input.filter((i) => i.type === "function_call_output").length;
      const step = script({ cwd, turn, call, last: textOf(input.at(-1) ?? {}), all });
      if ("error" in step) {
        res.writeHead(step.error, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ error: { message: step.message ?? "the fake API failed", type: "invalid_request_error" } }),
        );
      } else answer(res, step, n);
    });
  });
  const { url, close } = await listenOnLoopback(server, port);
  return { url, requests, close };
}

/** A private CODEX_HOME whose config sends Codex to `apiUrl`, failing fast (no retries). */
export function codexHome(dir: string, apiUrl: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "config.toml"),
    [
      'model_provider = "fake"',
      "",
      "[model_providers.fake]",
      'name = "Fake Responses API"',
      `base_url = "${apiUrl}/v1"`,
      'env_key = "FAKE_OPENAI_KEY"',
      'wire_api = "responses"',
      "request_max_retries = 0",
      "stream_max_retries = 0",
      "",
    ].join("\n"),
  );
  return dir;
}
