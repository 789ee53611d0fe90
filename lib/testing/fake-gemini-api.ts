// A fake Gemini API (generativelanguage v1beta) on 127.0.0.1 that drives the real Gemini CLI
// offline (GOOGLE_GEMINI_BASE_URL, an API key, and the settings in geminiHome()). Each
// conversation follows a script named by a marker in the prompt ("[[script:NAME]]"); a step is a
// tool call the CLI really runs (write_file, replace, run_shell_command), a final text (streamed
// in two chunks), or an HTTP error. Side requests (the model router, summaries) get a short
// answer that fits the JSON schema they ask for.
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { listenOnLoopback } from "./loopback-server";

export type Step =
  { tool: string; args: Record<string, unknown> } | { text: string } | { error: number; message?: string };

export interface Turn {
  /** Tool results already in the conversation. */
  turn: number;
  call: number;
  /** The newest user text or tool output. */
  last: string;
}

export type Script = (turn: Turn) => Step;

export interface FakeGeminiApi {
  url: string;
  requests: Array<{ script: string | null; url: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Part = Json & { text?: string; functionResponse?: { response?: { output?: unknown } } };
type Content = { role?: string; parts?: Part[] };

const usage = { promptTokenCount: 1000, candidatesTokenCount: 40, cachedContentTokenCount: 100, totalTokenCount: 1040 };

function partText(part: Part): string {
  if (typeof part.text === "string") return part.text;
  if (part.functionResponse) return JSON.stringify(part.functionResponse.response ?? {});
  if (part.functionCall) return JSON.stringify(part.functionCall);
  return "";
}

/** Fills every property of a JSON schema with a plausible value (the router asks for one). */
function fill(schema: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries((schema.properties as Json | undefined) ?? {})) {
    const type = String((value as Json).type ?? "").toLowerCase();
    out[key] =
      type === "integer" || type === "number" ? 10 : type === "boolean" ? false : type === "array" ? [] : "fake";
  }
  return out;
}

const candidate = (parts: Part[], model: string, last: boolean) => ({
  candidates: [{ content: { role: "model", parts }, index: 0, ...(last ? { finishReason: "STOP" } : {}) }],
  ...(last ? { usageMetadata: usage } : {}),
  modelVersion: model,
});

export async function startFakeGeminiApi(scripts: Record<string, Script>, port = 0): Promise<FakeGeminiApi> {
  const requests: FakeGeminiApi["requests"] = [];
  const calls = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "";
      const method = /models\/([^:/?]+):(\w+)/.exec(url);
      let body: Json = {};
      try {
        body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json) : {};
      } catch {
        body = {};
      }
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (!method) return json(404, { error: { code: 404, message: "not handled by the fake", status: "NOT_FOUND" } });
      const [, model, verb] = method;
      if (verb === "countTokens") return json(200, { totalTokens: 42 });
      const contents = (Array.isArray(body.contents) ? body.contents : []) as Content[];
      const all = contents
        .flatMap((c) => c.parts ?? [])
        .map(partText)
        .join("\n");
      const name = /\[\[script:([\w-]+)\]\]/.exec(all)?.[1] ?? null;
      requests.push({ script: name, url, body });
      const config = (body.generationConfig ?? {}) as Json;
      const schema = (config.responseJsonSchema ?? config.responseSchema) as Json | undefined;
      const script = name ? scripts[name] : undefined;
      let step: Step = { text: "ok" };
      if (schema) step = { text: JSON.stringify(fill(schema)) };
      else if (script && verb === "streamGenerateContent") {
        const call = calls.get(name!) ?? 0;
        calls.set(name!, call + 1);
        const turn = contents.flatMap((c) => c.parts ?? []).filter((p) => p.functionResponse).length;
        const lastParts = contents.at(-1)?.parts ?? [];
        step = script({ turn, call, last: lastParts.map(partText).join("\n") });
      }
      if ("error" in step)
        return json(step.error, {
          error: { code: step.error, message: step.message ?? "the fake failed", status: "INVALID_ARGUMENT" },
        });
      const parts: Part[] =
        "tool" in step ? [{ functionCall: { name: step.tool, args: step.args } }] : [{ text: step.text }];
      if (verb !== "streamGenerateContent") return json(200, candidate(parts, model, true));
      res.writeHead(200, { "content-type": "text/event-stream" });
      if ("text" in step && step.text.length > 1) {
        const half = Math.ceil(step.text.length / 2);
        res.write(`data: ${JSON.stringify(candidate([{ text: step.text.slice(0, half) }], model, false))}\r\n\r\n`);
        res.end(`data: ${JSON.stringify(candidate([{ text: step.text.slice(half) }], model, true))}\r\n\r\n`);
      } else res.end(`data: ${JSON.stringify(candidate(parts, model, true))}\r\n\r\n`);
    });
  });
  const { url, close } = await listenOnLoopback(server, port);
  return { url, requests, close };
}

/** A private home for the CLI (GEMINI_CLI_HOME): API-key auth, no telemetry, two attempts at most. */
export function geminiHome(dir: string): string {
  mkdirSync(path.join(dir, ".gemini"), { recursive: true });
  writeFileSync(
    path.join(dir, ".gemini", "settings.json"),
    JSON.stringify(
      {
        security: { auth: { selectedType: "gemini-api-key" } },
        general: { enableAutoUpdate: false, enableAutoUpdateNotification: false, maxAttempts: 2 },
        privacy: { usageStatisticsEnabled: false },
        telemetry: { enabled: false },
      },
      null,
      2,
    ),
  );
  return dir;
}
