import { describe, expect, it } from "vitest";
import { AGENTS } from "./agent-registry";
import { agentSettingsSchema, type AgentInvocation } from "./agent-types";

const invocation = (settings: Record<string, unknown> = {}): AgentInvocation => ({
  role: "implement",
  settings: agentSettingsSchema.parse(settings),
  runId: "run1",
  wpId: "WP-2",
  instructionsPath: "/data/runs/run1/WP-2/instructions.md",
  runtime: {
    nodePath: "/usr/bin/node",
    demoAgentPath: "/opt/flotilla/scripts/demo-agent.mjs",
    acpClientPath: "/opt/flotilla/scripts/acp-client.mjs",
  },
});

const ENV = {
  FLOTILLA_RUN_ID: "run1",
  FLOTILLA_WP_ID: "WP-2",
  FLOTILLA_ROLE: "implement",
  FLOTILLA_INSTRUCTIONS: "/data/runs/run1/WP-2/instructions.md",
};

describe("agent adapters", () => {
  it("claude: -p with stream-json, skipping permissions by default", () => {
    expect(AGENTS.claude.buildCommand(invocation())).toEqual({
      ok: true,
      command: "claude",
      args: ["-p", "--output-format", "stream-json", "--verbose", "--dangerously-skip-permissions"],
      env: ENV,
    });
  });
  it("claude: a retry that continues the session passes --resume with its id", () => {
    const command = AGENTS.claude.buildCommand({
      ...invocation({ extraArgs: "--max-turns 5" }),
      resumeSessionId: "0166c96b-8933",
    });
    expect(command.ok && command.args).toEqual([
      "-p",
      "--output-format",
      "stream-json",
      "--verbose",
      "--dangerously-skip-permissions",
      "--resume",
      "0166c96b-8933",
      "--max-turns",
      "5",
    ]);
    expect(AGENTS.claude.capabilities.resume).toBe(true);
    const limited = AGENTS.claude.buildCommand({ ...invocation(), maxBudgetUsd: 1.23789 });
    expect(limited.ok && limited.args.slice(-2)).toEqual(["--max-budget-usd", "1.23"]);
  });
  it("claude: accept-edits mode with allowed tools, a model, extra arguments and the sandbox variable", () => {
    const command = AGENTS.claude.buildCommand(
      invocation({
        permissionMode: "acceptEdits",
        allowedTools: ["Write", "Bash(npm test)"],
        model: "sonnet",
        extraArgs: "--max-turns 30",
        sandbox: true,
      }),
    );
    expect(command).toEqual({
      ok: true,
      command: "claude",
      args: [
        "-p",
        "--output-format",
        "stream-json",
        "--verbose",
        "--permission-mode",
        "acceptEdits",
        "--allowedTools",
        "Write,Bash(npm test)",
        "--model",
        "sonnet",
        "--max-turns",
        "30",
      ],
      env: { ...ENV, IS_SANDBOX: "1" },
    });
  });
  it("demo: Flotilla's own program under node", () => {
    expect(AGENTS.demo.buildCommand(invocation())).toEqual({
      ok: true,
      command: "/usr/bin/node",
      args: ["/opt/flotilla/scripts/demo-agent.mjs"],
      env: ENV,
    });
    expect(AGENTS.demo.program(invocation().settings)).toBeNull();
  });
  it("custom: the configured command split into arguments, with the Flotilla variables", () => {
    expect(AGENTS.custom.buildCommand(invocation({ customCommand: "python3 agent.py --fast 'two words'" }))).toEqual({
      ok: true,
      command: "python3",
      args: ["agent.py", "--fast", "two words"],
      env: ENV,
    });
    expect(AGENTS.custom.program(agentSettingsSchema.parse({ customCommand: "python3 agent.py" }))).toBe("python3");
  });
  it("refuses a missing or shell-dependent custom command with a message", () => {
    expect(AGENTS.custom.buildCommand(invocation())).toMatchObject({
      ok: false,
      message: expect.stringContaining("has no command line"),
    });
    expect(AGENTS.custom.buildCommand(invocation({ customCommand: "agent && rm -rf /" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("shell operator"),
    });
    expect(AGENTS.claude.buildCommand(invocation({ extraArgs: "--x $(id)" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Extra arguments"),
    });
  });
});
