import { describe, expect, it } from "vitest";
import { buildActivity } from "./activity";
import { parseClaudeLine, summarizeClaude } from "./claude-stream";

const line = (value: unknown) => JSON.stringify(value);

describe("Claude Code stream-json", () => {
  it("turns each line into progress events", () => {
    expect(
      parseClaudeLine(
        line({ type: "system", subtype: "init", session_id: "s1", model: "claude-sonnet", tools: ["Write"] }),
      ),
    ).toEqual([{ kind: "session", sessionId: "s1", model: "claude-sonnet" }]);
    expect(
      parseClaudeLine(
        line({
          type: "assistant",
          message: {
            content: [
              { type: "text", text: "I'll write the module." },
              { type: "tool_use", id: "t1", name: "Write", input: { file_path: "src/auth/oauth.ts", content: "x" } },
              { type: "tool_use", id: "t2", name: "Bash", input: { command: "npm test" } },
            ],
          },
        }),
      ),
    ).toEqual([
      { kind: "message", text: "I'll write the module." },
      { kind: "tool", id: "t1", tool: "Write", detail: "src/auth/oauth.ts" },
      { kind: "tool", id: "t2", tool: "Bash", detail: "npm test" },
    ]);
    expect(
      parseClaudeLine(
        line({
          type: "user",
          message: {
            content: [
              {
                type: "tool_result",
                tool_use_id: "t2",
                is_error: true,
                content: [{ type: "text", text: "command failed" }],
              },
            ],
          },
        }),
      ),
    ).toEqual([{ kind: "tool-result", toolUseId: "t2", ok: false, text: "command failed" }]);
    expect(
      parseClaudeLine(
        line({
          type: "system",
          subtype: "api_retry",
          attempt: 2,
          max_retries: 10,
          retry_delay_ms: 1039,
          error_status: 529,
          error: "overloaded",
        }),
      ),
    ).toEqual([{ kind: "retry", attempt: 2, maxRetries: 10, error: "529 overloaded", delayMs: 1039 }]);
    expect(parseClaudeLine("not json at all")).toEqual([{ kind: "log", text: "not json at all" }]);
    expect(parseClaudeLine("{broken json")).toEqual([{ kind: "log", text: "{broken json" }]);
  });

  it("summarises a successful run with its cost, tokens (cache included) and session", () => {
    const tail = [
      line({ type: "system", subtype: "init", session_id: "s1" }),
      line({
        type: "result",
        subtype: "success",
        is_error: false,
        num_turns: 4,
        result: "Wrote src/auth/oauth.ts",
        total_cost_usd: 0.0123,
        usage: { input_tokens: 1200, cache_read_input_tokens: 800, output_tokens: 340 },
        session_id: "s1",
        permission_denials: [],
      }),
    ].join("\n");
    expect(summarizeClaude("", tail)).toEqual({
      summary: "Wrote src/auth/oauth.ts",
      costUsd: 0.0123,
      inputTokens: 2000,
      outputTokens: 340,
      sessionId: "s1",
      failure: null,
      budgetStop: false,
    });
  });

  it("says in words why a run failed", () => {
    const maxTurns = line({
      type: "result",
      subtype: "error_max_turns",
      is_error: true,
      num_turns: 3,
      errors: ["Reached maximum number of turns (2)"],
    });
    expect(summarizeClaude("", maxTurns).failure).toBe(
      "Claude Code stopped at the turn limit of 2 after 3 turns (raise --max-turns in the extra arguments, or split the package)",
    );
    const retry = (n: number) =>
      line({ type: "system", subtype: "api_retry", attempt: n, error_status: 529, error: "overloaded" });
    const apiDown = [
      retry(1),
      retry(2),
      line({
        type: "result",
        subtype: "success",
        is_error: true,
        api_error_status: 529,
        result: "API Error: 529 Overloaded. Try again later.",
      }),
    ].join("\n");
    expect(summarizeClaude("", apiDown).failure).toBe("API error 529 after 2 retries: Overloaded. Try again later.");
    expect(
      summarizeClaude(
        "",
        line({ type: "result", subtype: "success", is_error: true, result: "Credit balance is too low" }),
      ).failure,
    ).toBe("Claude Code reported an error: Credit balance is too low");
    expect(summarizeClaude(line({ type: "system", subtype: "init", session_id: "s9" }), "")).toMatchObject({
      failure: "Claude Code ended without a result line",
      sessionId: "s9",
    });
    expect(summarizeClaude("", retry(1)).failure).toBe(
      "Claude Code ended without a result line, after 1 API retry (last: 529 overloaded)",
    );
    const overLimit = summarizeClaude(
      "",
      line({ type: "result", subtype: "error_max_budget_usd", is_error: true, num_turns: 3, total_cost_usd: 0.0405 }),
    );
    expect(overLimit).toMatchObject({
      budgetStop: true,
      costUsd: 0.0405,
      failure:
        "Claude Code stopped at its spending limit (--max-budget-usd: what was left of the run's budget) after 3 turns",
    });
  });

  it("mentions tool calls that were refused", () => {
    const result = line({
      type: "result",
      subtype: "success",
      is_error: false,
      result: "Partly done",
      permission_denials: [{ tool_name: "Bash" }, { tool_name: "Bash" }],
    });
    expect(summarizeClaude("", result).summary).toBe("Partly done\n\nClaude Code was refused 2 tool call(s): Bash");
  });
});

describe("activity feed", () => {
  const events = [
    line({ type: "system", subtype: "init", session_id: "s1", model: "m" }),
    line({
      type: "assistant",
      message: {
        content: [
          { type: "text", text: "Writing." },
          { type: "tool_use", id: "a", name: "Write", input: { file_path: "/w/src/a.ts" } },
        ],
      },
    }),
    line({ type: "user", message: { content: [{ type: "tool_result", tool_use_id: "a", content: "File created" }] } }),
    line({
      type: "system",
      subtype: "api_retry",
      attempt: 1,
      max_retries: 2,
      error_status: 500,
      error: "server_error",
    }),
    line({
      type: "assistant",
      message: { content: [{ type: "tool_use", id: "b", name: "Bash", input: { command: "npm test" } }] },
    }),
    "plain stderr text",
  ].flatMap(parseClaudeLine);

  it("pairs each tool call with its outcome and skips plain log lines", () => {
    expect(buildActivity(events)).toEqual({
      omitted: 0,
      toolCalls: 2,
      items: [
        { kind: "session", sessionId: "s1", model: "m" },
        { kind: "message", text: "Writing." },
        { kind: "tool", tool: "Write", detail: "/w/src/a.ts", state: "ok", output: "File created" },
        { kind: "retry", attempt: 1, maxRetries: 2, error: "500 server_error" },
        { kind: "tool", tool: "Bash", detail: "npm test", state: "running", output: "" },
      ],
    });
  });

  it("shows paths inside the working directory relative to it, and the final answer once", () => {
    const withResult = [
      ...events,
      ...parseClaudeLine(line({ type: "assistant", message: { content: [{ type: "text", text: "All done." }] } })),
      ...parseClaudeLine(line({ type: "result", subtype: "success", result: "All done.", num_turns: 3 })),
    ];
    const feed = buildActivity(withResult, 500, "/w/");
    expect(feed.items.find((i) => i.kind === "tool")).toMatchObject({ detail: "src/a.ts" });
    expect(feed.items.slice(-2)).toEqual([
      { kind: "message", text: "All done." },
      { kind: "result", ok: true, text: "", costUsd: null, turns: 3, durationMs: null },
    ]);
  });

  it("keeps the newest items and says how many came before", () => {
    const feed = buildActivity(events, 2);
    expect(feed.omitted).toBe(3);
    expect(feed.items.map((i) => i.kind)).toEqual(["retry", "tool"]);
  });
});
