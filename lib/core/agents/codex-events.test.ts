import { describe, expect, it } from "vitest";
import { buildActivity } from "./activity";
import { agentSettingsSchema } from "./agent-types";
import { CODEX_PROMPT, codexAgent } from "./codex-agent";
import {
  codexFinalText,
  codexUsageLine,
  parseCodexLine,
  readableError,
  summarizeCodex,
  unwrapShell,
} from "./codex-events";
import { parseModelPrices, priceFor } from "./model-prices";

// Recorded from codex-cli 0.169 against a fake Responses API (see codex.test.ts).
const SESSION = [
  '{"type":"thread.started","thread_id":"01a233d2-aa37-7612-bb21-c41dbbc07ba6"}',
  '{"type":"item.completed","item":{"id":"item_0","type":"error","message":"Model metadata for `gpt-5-codex` not found."}}',
  '{"type":"turn.started"}',
  '{"type":"item.started","item":{"id":"item_1","type":"file_change","changes":[{"path":"/w/wp-1/src/a.txt","kind":"add"},{"path":"/w/wp-1/README.md","kind":"update"}],"status":"in_progress"}}',
  '{"type":"item.completed","item":{"id":"item_1","type":"file_change","changes":[{"path":"/w/wp-1/src/a.txt","kind":"add"},{"path":"/w/wp-1/README.md","kind":"update"}],"status":"completed"}}',
  '{"type":"item.started","item":{"id":"item_2","type":"command_execution","command":"/bin/bash -lc \'npm test && echo \'\\\\\'\'ok\'\\\\\'\'\'","aggregated_output":"","exit_code":null,"status":"in_progress"}}',
  '{"type":"item.completed","item":{"id":"item_2","type":"command_execution","command":"/bin/bash -lc \'npm test\'","aggregated_output":"1 failing\\n","exit_code":1,"status":"failed"}}',
  '{"type":"item.completed","item":{"id":"item_3","type":"todo_list","items":[{"text":"write a","completed":true},{"text":"test","completed":false}]}}',
  '{"type":"item.completed","item":{"id":"item_4","type":"agent_message","text":"Added src/a.txt; the tests fail."}}',
  '{"type":"turn.completed","usage":{"input_tokens":2000,"cached_input_tokens":400,"cache_write_input_tokens":0,"output_tokens":100,"reasoning_output_tokens":20}}',
];

const settings = (over: Record<string, unknown> = {}) => agentSettingsSchema.parse(over);

describe("Codex's exec --json events", () => {
  it("become an activity feed: file changes and commands with their outcome, the plan, the message", () => {
    const feed = buildActivity(SESSION.flatMap(parseCodexLine), 500, "/w/wp-1");
    expect(feed.items).toEqual([
      { kind: "session", sessionId: "01a233d2-aa37-7612-bb21-c41dbbc07ba6", model: null },
      { kind: "tool", tool: "Add", detail: "src/a.txt", state: "ok", output: "" },
      { kind: "tool", tool: "Update", detail: "README.md", state: "ok", output: "" },
      {
        kind: "tool",
        tool: "Run",
        detail: "npm test && echo 'ok'",
        state: "error",
        output: "exit code 1\n1 failing\n",
      },
      { kind: "message", text: "Plan:\n[x] write a\n[ ] test" },
      { kind: "message", text: "Added src/a.txt; the tests fail." },
      { kind: "result", ok: true, text: "", costUsd: null, turns: null, durationMs: null },
    ]);
    expect(feed.toolCalls).toBe(3);
  });

  it("a failed turn ends the feed with its error, and reconnects show as API retries", () => {
    const lines = [
      '{"type":"thread.started","thread_id":"t-1"}',
      '{"type":"turn.started"}',
      '{"type":"error","message":"Reconnecting... 2/5 (stream disconnected before completion)"}',
      '{"type":"error","message":"unexpected status 401 Unauthorized"}',
      '{"type":"turn.failed","error":{"message":"unexpected status 401 Unauthorized"}}',
    ];
    const feed = buildActivity(lines.flatMap(parseCodexLine));
    expect(feed.items.slice(1)).toEqual([
      {
        kind: "retry",
        attempt: 2,
        maxRetries: 5,
        error: "Reconnecting... 2/5 (stream disconnected before completion)",
      },
      {
        kind: "result",
        ok: false,
        text: "unexpected status 401 Unauthorized",
        costUsd: null,
        turns: null,
        durationMs: null,
      },
    ]);
    const summary = summarizeCodex(lines.join("\n"), lines.join("\n"));
    expect(summary.failure).toBe("Codex reported an error: unexpected status 401 Unauthorized");
    expect(summary.sessionId).toBe("t-1");
  });

  it("sums the turns' tokens and prices them by the model, the project's table first", () => {
    const text = SESSION.join("\n");
    const unpriced = summarizeCodex(text, text, settings());
    expect(unpriced).toMatchObject({
      inputTokens: 2000,
      outputTokens: 100,
      costUsd: null,
      failure: null,
      summary: "Added src/a.txt; the tests fail.",
      sessionId: "01a233d2-aa37-7612-bb21-c41dbbc07ba6",
    });
    // gpt-5-codex: 1600 uncached × $1.25 + 400 cached × $0.125 + 100 × $10, per million.
    expect(summarizeCodex(text, text, settings({ model: "gpt-5-codex" })).costUsd).toBeCloseTo(0.00305, 8);
    const own = settings({
      model: "gpt-5-codex",
      modelPrices: [{ model: "gpt-5-codex", input: 2, cachedInput: 1, output: 20 }],
    });
    expect(summarizeCodex(text, text, own).costUsd).toBeCloseTo((1600 * 2 + 400 * 1 + 100 * 20) / 1e6, 10);
  });

  it("says so when Codex stopped before finishing its turn", () => {
    const lines = ['{"type":"thread.started","thread_id":"t-2"}', '{"type":"turn.started"}'].join("\n");
    expect(summarizeCodex(lines, lines).failure).toBe("Codex ended without finishing its turn");
  });

  it("reports a turn's tokens live, and reads the final answer from the last message", () => {
    expect(codexUsageLine(SESSION.at(-1)!)).toEqual({ kind: "delta", id: null, input: 2000, output: 100 });
    expect(codexUsageLine(SESSION[0])).toBeNull();
    expect(codexFinalText(SESSION.join("\n"))).toBe("Added src/a.txt; the tests fail.");
    expect(parseCodexLine("WARNING: plain text")).toEqual([{ kind: "log", text: "WARNING: plain text" }]);
  });

  it("reads the message out of an API error Codex passes on as JSON text", () => {
    expect(readableError('{"error":{"message":"Context window exceeded.","type":"invalid_request_error"}}')).toBe(
      "Context window exceeded.",
    );
    expect(readableError('unexpected status 400: {"error":{"message":"Bad model"}}')).toBe(
      "unexpected status 400: Bad model",
    );
    expect(readableError("plain words {not json")).toBe("plain words {not json");
  });

  it("unwraps the shell Codex runs a command in", () => {
    expect(unwrapShell("/bin/bash -lc 'npm test'")).toBe("npm test");
    expect(unwrapShell(`/bin/bash -lc 'echo '\\''hi'\\'''`)).toBe("echo 'hi'");
    expect(unwrapShell('bash -lc "echo \\"x\\""')).toBe('echo "x"');
    expect(unwrapShell("ls -la")).toBe("ls -la");
  });
});

describe("the Codex command line", () => {
  const invocation = (over: Record<string, unknown> = {}, resumeSessionId?: string) => ({
    role: "implement" as const,
    settings: settings(over),
    runId: "r",
    wpId: "WP-1",
    instructionsPath: "/tmp/i.md",
    runtime: { nodePath: "node", demoAgentPath: "demo", acpClientPath: "acp-client.mjs" },
    ...(resumeSessionId ? { resumeSessionId } : {}),
  });

  it("runs exec --json with the prompt, the model, and the sandbox the permission setting picks", () => {
    const cmd = codexAgent.buildCommand(invocation({ model: "gpt-5-codex", extraArgs: "--enable web_search" }));
    expect(cmd).toMatchObject({
      ok: true,
      command: "codex",
      args: [
        "exec",
        "--json",
        "--skip-git-repo-check",
        "--dangerously-bypass-approvals-and-sandbox",
        "-m",
        "gpt-5-codex",
        "--enable",
        "web_search",
        CODEX_PROMPT,
      ],
    });
    const edits = codexAgent.buildCommand(invocation({ permissionMode: "acceptEdits" }));
    expect(edits.ok && edits.args).toContain('sandbox_mode="workspace-write"');
    const ask = codexAgent.buildCommand(invocation({ permissionMode: "default" }));
    expect(ask.ok && ask.args).toContain('sandbox_mode="read-only"');
  });

  it("resumes a thread with the prompt on stdin", () => {
    const cmd = codexAgent.buildCommand(invocation({}, "t-9"));
    expect(cmd.ok && cmd.args.slice(0, 3)).toEqual(["exec", "resume", "--json"]);
    expect(cmd.ok && cmd.args.slice(-2)).toEqual(["t-9", "-"]);
  });
});

describe("model prices", () => {
  it("reads the settings' lines and names a bad one with an example", () => {
    expect(parseModelPrices("gpt-5-codex 1.25 0.125 10\n# mine\nmy-model $3 $0.3 $15\n")).toEqual({
      ok: true,
      prices: [
        { model: "gpt-5-codex", input: 1.25, cachedInput: 0.125, output: 10 },
        { model: "my-model", input: 3, cachedInput: 0.3, output: 15 },
      ],
    });
    const bad = parseModelPrices("gpt-5 1.25 ten 10");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/entry 1 .*e\.g\. gpt-5-codex 1\.25 0\.125 10/);
    expect(parseModelPrices("gpt-5 1 2").ok).toBe(false);
  });

  it("prices a model by its exact name only", () => {
    expect(priceFor("gpt-5", [])?.output).toBe(10);
    expect(priceFor("gpt-5-2025-08-07", [])).toBeNull();
    expect(priceFor(undefined, [])).toBeNull();
  });
});

describe("a session's running total", () => {
  it("leaves a resumed attempt its own share, and a count that started again in full", async () => {
    const { ownShare } = await import("./session-usage");
    const earlier = [{ costUsd: 0.01, inputTokens: 1000, outputTokens: 50 }];
    const share = ownShare({ costUsd: 0.03, inputTokens: 3000, outputTokens: 150 }, earlier);
    expect(share).toMatchObject({ inputTokens: 2000, outputTokens: 100 });
    expect(share.costUsd).toBeCloseTo(0.02, 12);
    expect(ownShare({ costUsd: 0.005, inputTokens: 500, outputTokens: 20 }, earlier)).toEqual({
      costUsd: 0.005,
      inputTokens: 500,
      outputTokens: 20,
    });
    expect(ownShare({ costUsd: null, inputTokens: null, outputTokens: null }, earlier).inputTokens).toBeNull();
  });
});
