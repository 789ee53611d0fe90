import { describe, expect, it } from "vitest";
import { agentSettingsSchema } from "./agent-types";
import { acpAgent } from "./acp-agent";
import { acpFinalText, acpUsageLine, parseAcpLine, summarizeAcp } from "./acp-events";

const line = (value: object) => JSON.stringify(value);
const update = (u: object) => line({ type: "update", update: u });

describe("what Flotilla's ACP client prints", () => {
  it("reads the session, the cost in dollars, the final answer, and a stop reason in words", () => {
    const text = [
      line({ type: "session", sessionId: "s-1", resumed: null }),
      update({ sessionUpdate: "tool_call", toolCallId: "t", title: "Read a.ts", kind: "read", status: "completed" }),
      update({ sessionUpdate: "agent_message_chunk", content: { type: "text", text: "All " } }),
      update({ sessionUpdate: "agent_message_chunk", content: { type: "text", text: "done." } }),
      update({ sessionUpdate: "usage_update", used: 10, size: 100, cost: { amount: 0.5, currency: "USD" } }),
      update({ sessionUpdate: "usage_update", used: 10, size: 100, cost: { amount: 7, currency: "credits" } }),
      line({ type: "result", stopReason: "max_turn_requests" }),
    ].join("\n");
    expect(summarizeAcp(text, text)).toEqual({
      summary: "All done.",
      costUsd: 0.5,
      inputTokens: null,
      outputTokens: null,
      sessionId: "s-1",
      failure: "The ACP agent stopped: it reached its limit of model requests in one turn",
    });
    expect(acpFinalText(text)).toBe("All done.");
    expect(parseAcpLine(line({ type: "result", stopReason: "end_turn" }))[0]).toMatchObject({ ok: true, text: "" });
    expect(acpUsageLine(text.split("\n")[4])).toEqual({ kind: "total", costUsd: 0.5, input: null, output: null });
    expect(acpUsageLine(text.split("\n")[5])).toBeNull();
  });

  it("says what went wrong when the agent failed or stopped early", () => {
    const failed = line({ type: "error", message: "the ACP agent exited (code 1) before it finished: boom" });
    expect(summarizeAcp("", failed).failure).toBe(
      "The ACP agent failed: the ACP agent exited (code 1) before it finished: boom",
    );
    expect(summarizeAcp("", line({ type: "session", sessionId: "s" })).failure).toBe(
      "The ACP agent ended without finishing its turn",
    );
  });

  it("runs the project's command under Flotilla's client, with the permission setting and the session to resume", () => {
    const cmd = acpAgent.buildCommand({
      role: "implement",
      settings: agentSettingsSchema.parse({
        customCommand: "npx @zed-industries/codex-acp",
        permissionMode: "acceptEdits",
      }),
      runId: "r",
      wpId: "WP-1",
      instructionsPath: "/tmp/i.md",
      runtime: {
        nodePath: "/usr/bin/node",
        demoAgentPath: "demo",
        acpClientPath: "/opt/flotilla/scripts/acp-client.mjs",
      },
      resumeSessionId: "s-9",
    });
    expect(cmd).toMatchObject({
      ok: true,
      command: "/usr/bin/node",
      args: ["/opt/flotilla/scripts/acp-client.mjs", "--", "npx", "@zed-industries/codex-acp"],
      env: { FLOTILLA_ACP_PERMISSION: "acceptEdits", FLOTILLA_ACP_RESUME: "s-9" },
    });
    const missing = acpAgent.buildCommand({
      role: "implement",
      settings: agentSettingsSchema.parse({}),
      runId: "r",
      wpId: "WP-1",
      instructionsPath: "/tmp/i.md",
      runtime: { nodePath: "node", demoAgentPath: "demo", acpClientPath: "acp" },
    });
    expect(missing).toEqual({
      ok: false,
      message: "The ACP agent has no command line: set it in the project's agent settings",
    });
  });
});
