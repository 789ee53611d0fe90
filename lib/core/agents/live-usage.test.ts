import { describe, expect, it } from "vitest";
import { claudeUsageLine } from "./claude-stream";
import { accumulateUsage, emptyUsage, reportedUsageLine } from "./live-usage";
import { plainOutput } from "./agent-output";

const assistant = (id: string, input: number, output: number) =>
  JSON.stringify({
    type: "assistant",
    message: {
      id,
      role: "assistant",
      content: [],
      usage: { input_tokens: input, cache_read_input_tokens: 100, output_tokens: output },
    },
  });

describe("live usage", () => {
  it("counts Claude Code's assistant messages once each, even when a message comes as several lines", () => {
    const lines = [
      assistant("msg_1", 900, 50),
      assistant("msg_1", 900, 50),
      "plain text",
      assistant("msg_2", 1900, 80),
    ];
    const state = accumulateUsage(emptyUsage(), lines, claudeUsageLine);
    expect(state).toMatchObject({ inputTokens: 1000 + 2000, outputTokens: 130, costUsd: null });
    // Later lines add to what was counted; a repeated id from before is still skipped.
    const later = accumulateUsage(state, [assistant("msg_2", 1900, 80), assistant("msg_3", 0, 10)], claudeUsageLine);
    expect(later).toMatchObject({ inputTokens: 3100, outputTokens: 140 });
  });

  it("a custom agent's FLOTILLA_USAGE lines are its totals so far: the latest counts", () => {
    const lines = [
      'FLOTILLA_USAGE {"costUsd": 0.1, "inputTokens": 100}',
      "FLOTILLA_USAGE not json",
      'FLOTILLA_USAGE {"costUsd": 0.25, "inputTokens": 400, "outputTokens": 50}',
      'FLOTILLA_USAGE {"costUsd": -3}',
    ];
    expect(accumulateUsage(emptyUsage(), lines, reportedUsageLine)).toMatchObject({
      costUsd: 0.25,
      inputTokens: 400,
      outputTokens: 50,
    });
    // At the end, the same line is the attempt's cost; it is not part of the summary.
    const summary = plainOutput.summarize("working\n" + lines[2], lines.join("\n"));
    expect(summary).toMatchObject({ costUsd: 0.25, inputTokens: 400, outputTokens: 50, summary: "working" });
  });
});
