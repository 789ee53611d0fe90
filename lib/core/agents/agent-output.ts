import { finalUsage, USAGE_LINE } from "./live-usage";
// What an agent's output means: progress events from its lines, and a summary at the end.

export type AgentEvent =
  | { kind: "log"; text: string }
  /** `append`: a streamed chunk that continues the message before it. */
  | { kind: "message"; text: string; append?: boolean }
  | { kind: "tool"; id: string; tool: string; detail: string }
  | { kind: "tool-result"; toolUseId: string; ok: boolean; text: string }
  /** What a running tool call turned out to be (an agent may name it only once it knows). */
  | { kind: "tool-detail"; toolUseId: string; tool: string | null; detail: string }
  | { kind: "retry"; attempt: number; maxRetries: number | null; error: string; delayMs: number | null }
  | { kind: "session"; sessionId: string; model: string | null }
  | {
      kind: "result";
      ok: boolean;
      text: string;
      costUsd: number | null;
      turns: number | null;
      durationMs: number | null;
    };

export interface AgentSummary {
  summary: string;
  costUsd: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  sessionId: string | null;
  /** Set when the output itself says the run failed (even with exit code 0). */
  failure: string | null;
  /** The agent stopped itself at the spending limit it was given (what was left of the budget). */
  budgetStop?: boolean;
}

/** Plain agents: every line is log output; the summary is the start of what they printed. */
export const plainOutput = {
  parseLine: (line: string): AgentEvent => ({ kind: "log", text: line }),
  summarize: (head: string, tail: string): AgentSummary => {
    const usage = finalUsage(tail);
    return {
      summary: head
        .split("\n")
        .filter((l) => !l.startsWith(`${USAGE_LINE} `))
        .join("\n")
        .trim()
        .slice(0, 1000),
      ...usage,
      sessionId: null,
      failure: null,
    };
  },
  finalText: (stdout: string): string => stdout,
};
