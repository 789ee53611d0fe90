import { describe, expect, it } from "vitest";
import { parseClaudeLine, summarizeClaude } from "./claude-stream";

const line = (value: unknown) => JSON.stringify(value);

describe("Claude Code stream-json", () => {
  it("turns each line into progress events", () => {
    expect(parseClaudeLine(line({ type: "system", subtype: "init", session_id: "s1", model: "claude-sonnet", tools: ["Write"] }))).toEqual([{ kind: "session", sessionId: "s1", model: "claude-sonnet" }]);
    expect(parseClaudeLine(line({ type: "assistant", message: { content: [
      { type: "text", text: "I'll write the module." },
      { type: "tool_use", name: "Write", input: { file_path: "src/auth/oauth.ts", content: "x" } },
      { type: "tool_use", name: "Bash", input: { command: "npm test" } },
    ] } }))).toEqual([
      { kind: "message", text: "I'll write the module." },
      { kind: "tool", tool: "Write", detail: "src/auth/oauth.ts" },
      { kind: "tool", tool: "Bash", detail: "npm test" },
    ]);
    expect(parseClaudeLine(line({ type: "user", message: { content: [{ type: "tool_result", is_error: true, content: "command failed" }] } }))).toEqual([{ kind: "tool-result", ok: false, text: "command failed" }]);
    expect(parseClaudeLine(line({ type: "system", subtype: "api_retry", attempt: 2, error_status: 529 }))).toEqual([{ kind: "retry", attempt: 2, error: "API error" }]);
    expect(parseClaudeLine("not json at all")).toEqual([{ kind: "log", text: "not json at all" }]);
    expect(parseClaudeLine("{broken json")).toEqual([{ kind: "log", text: "{broken json" }]);
  });

  it("summarises a successful run with its cost, tokens and session", () => {
    const tail = [
      line({ type: "system", subtype: "init", session_id: "s1" }),
      line({ type: "result", subtype: "success", is_error: false, num_turns: 4, result: "Wrote src/auth/oauth.ts", total_cost_usd: 0.0123, usage: { input_tokens: 1200, output_tokens: 340 }, session_id: "s1" }),
    ].join("\n");
    expect(summarizeClaude("", tail)).toEqual({ summary: "Wrote src/auth/oauth.ts", costUsd: 0.0123, inputTokens: 1200, outputTokens: 340, sessionId: "s1", failure: null });
  });

  it("says in words why a run failed", () => {
    expect(summarizeClaude("", line({ type: "result", subtype: "error_max_turns", is_error: true, num_turns: 3 })).failure).toBe("Claude Code stopped at the turn limit (3 turns)");
    expect(summarizeClaude("", line({ type: "result", subtype: "success", is_error: true, result: "API Error: 529 overloaded" })).failure).toBe("Claude Code reported an error: API Error: 529 overloaded");
    expect(summarizeClaude("", line({ type: "system", subtype: "init", session_id: "s9" }))).toMatchObject({ failure: "Claude Code ended without a result line", sessionId: "s9" });
  });
});
