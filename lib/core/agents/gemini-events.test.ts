import { describe, expect, it } from "vitest";
import { buildActivity } from "./activity";
import { agentSettingsSchema } from "./agent-types";
import { GEMINI_PROMPT, geminiAgent } from "./gemini-agent";
import { geminiFinalText, geminiUsageLine, parseGeminiLine, summarizeGemini } from "./gemini-events";

// Recorded from gemini 0.61.0 against a fake Gemini API (see gemini.test.ts).
const SESSION = [
  '{"type":"init","timestamp":"2026-12-01T23:04:14.951Z","session_id":"72bde5d8-b28a-483c-a7ac-83a27338f84c","model":"auto"}',
  '{"type":"message","timestamp":"2026-12-01T23:04:14.952Z","role":"user","content":"Create hello.txt please"}',
  '{"type":"tool_use","timestamp":"2026-12-01T23:04:15.045Z","tool_name":"write_file","tool_id":"write_file_1_0","parameters":{"file_path":"/w/wp-1/hello.txt","content":"hello\\n"}}',
  '{"type":"tool_result","timestamp":"2026-12-01T23:04:15.225Z","tool_id":"write_file_1_0","status":"success"}',
  '{"type":"tool_use","timestamp":"2026-12-01T23:04:15.230Z","tool_name":"write_file","tool_id":"write_file_2_0","parameters":{"file_path":"/etc/passwd","content":"x"}}',
  '{"type":"tool_result","timestamp":"2026-12-01T23:04:15.231Z","tool_id":"write_file_2_0","status":"error","output":"","error":{"type":"invalid_tool_params","message":"File path must be within the workspace"}}',
  '{"type":"message","timestamp":"2026-12-01T23:04:15.243Z","role":"assistant","content":"Don","delta":true}',
  '{"type":"message","timestamp":"2026-12-01T23:04:15.245Z","role":"assistant","content":"e.","delta":true}',
  '{"type":"result","timestamp":"2026-12-01T23:04:15.246Z","status":"success","stats":{"total_tokens":350,"input_tokens":320,"output_tokens":30,"cached":20,"input":320,"duration_ms":295,"tool_calls":2,"models":{"gemini-2.5-flash":{"total_tokens":350,"input_tokens":320,"output_tokens":30,"cached":20,"input":320}}}}',
];
const FAILED =
  '{"type":"result","status":"error","error":{"type":"unknown","message":"[API Error: 500 fake internal error]"},"stats":{"input_tokens":0,"output_tokens":0,"models":{}}}';

describe("Gemini CLI's stream-json events", () => {
  it("become an activity feed: tool calls with their outcome, and the streamed answer as one message", () => {
    const feed = buildActivity(SESSION.flatMap(parseGeminiLine), 500, "/w/wp-1");
    expect(feed.items).toEqual([
      { kind: "session", sessionId: "72bde5d8-b28a-483c-a7ac-83a27338f84c", model: "auto" },
      { kind: "tool", tool: "write_file", detail: "hello.txt", state: "ok", output: "" },
      {
        kind: "tool",
        tool: "write_file",
        detail: "/etc/passwd",
        state: "error",
        output: "File path must be within the workspace",
      },
      { kind: "message", text: "Done." },
      { kind: "result", ok: true, text: "", costUsd: null, turns: null, durationMs: 295 },
    ]);
  });

  it("reads tokens, the session and the cost at each model's price, and the final answer", () => {
    const text = SESSION.join("\n");
    const summary = summarizeGemini(text, text, agentSettingsSchema.parse({}));
    expect(summary).toMatchObject({
      inputTokens: 320,
      outputTokens: 30,
      sessionId: "72bde5d8-b28a-483c-a7ac-83a27338f84c",
      failure: null,
      summary: "Done.",
    });
    expect(summary.costUsd).toBeCloseTo((300 * 0.3 + 20 * 0.075 + 30 * 2.5) / 1e6, 12);
    expect(geminiFinalText(text)).toBe("Done.");
    expect(geminiUsageLine(SESSION.at(-1)!)).toEqual({ kind: "total", costUsd: null, input: 320, output: 30 });
  });

  it("counts the model's thinking as output, as it is billed", () => {
    const thinking = SESSION.join("\n").replace(/"total_tokens":350/g, '"total_tokens":500');
    const summary = summarizeGemini(thinking, thinking);
    expect(summary.outputTokens).toBe(180);
    expect(summary.costUsd).toBeCloseTo((300 * 0.3 + 20 * 0.075 + 180 * 2.5) / 1e6, 12);
  });

  it("says why a session failed, and leaves the cost unknown for a model without a price", () => {
    const failed = [SESSION[0], FAILED].join("\n");
    expect(summarizeGemini(failed, failed).failure).toBe(
      "Gemini CLI reported an error: [API Error: 500 fake internal error]",
    );
    const unpriced = SESSION.join("\n").replace(/gemini-2\.5-flash/g, "gemini-9-ultra");
    expect(summarizeGemini(unpriced, unpriced).costUsd).toBeNull();
    const cut = SESSION.slice(0, 4).join("\n");
    expect(summarizeGemini(cut, cut).failure).toBe("Gemini CLI ended without a result line");
  });
});

describe("the Gemini command line", () => {
  const invocation = (over: Record<string, unknown> = {}, resumeSessionId?: string) => ({
    role: "implement" as const,
    settings: agentSettingsSchema.parse(over),
    runId: "r",
    wpId: "WP-1",
    instructionsPath: "/tmp/i.md",
    runtime: { nodePath: "node", demoAgentPath: "demo", acpClientPath: "acp-client.mjs" },
    ...(resumeSessionId ? { resumeSessionId } : {}),
  });

  it("runs headless with stream-json, the approval mode the permission setting picks, in a trusted worktree", () => {
    const cmd = geminiAgent.buildCommand(invocation({ model: "gemini-2.5-pro" }));
    expect(cmd).toMatchObject({
      ok: true,
      command: "gemini",
      args: ["-p", GEMINI_PROMPT, "--output-format", "stream-json", "--approval-mode=yolo", "-m", "gemini-2.5-pro"],
      env: { GEMINI_CLI_TRUST_WORKSPACE: "true" },
    });
    const edits = geminiAgent.buildCommand(invocation({ permissionMode: "acceptEdits" }));
    expect(edits.ok && edits.args).toContain("--approval-mode=auto_edit");
  });

  it("resumes a session by its id", () => {
    const cmd = geminiAgent.buildCommand(invocation({}, "72bde5d8"));
    expect(cmd.ok && cmd.args.slice(-2)).toEqual(["--resume", "72bde5d8"]);
  });
});
