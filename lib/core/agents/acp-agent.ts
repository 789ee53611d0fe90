// Any Agent Client Protocol agent (an ACP bridge for Claude Code or Codex, Gemini CLI's
// --experimental-acp, or one of your own): the project's command line runs under Flotilla's ACP
// client (scripts/acp-client.mjs), which speaks the protocol over stdio, sends the instructions
// as the prompt, answers permission requests from the project's permission setting, and prints
// the session's updates for the activity feed.
import { splitCommandLine } from "../run/command-line";
import type { AgentAdapter } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { acpFinalText, acpUsageLine, parseAcpLine, summarizeAcp } from "./acp-events";
import { extraArgsOf } from "./extra-args";

export const acpAgent: AgentAdapter = {
  kind: "acp",
  label: "ACP agent",
  defaultReview: "spec+quality",
  // cost: when the agent reports a usage update with a cost in dollars.
  capabilities: { builtIn: false, plans: true, activity: true, cost: true, resume: true },
  program: (settings) => {
    const split = splitCommandLine(settings.customCommand);
    return split.ok ? split.argv[0] : null;
  },
  parseLine: parseAcpLine,
  usageOfLine: acpUsageLine,
  summarize: summarizeAcp,
  finalText: acpFinalText,
  versionArgs: [],
  buildCommand: (invocation) => {
    const { settings } = invocation;
    if (settings.customCommand.trim() === "")
      return { ok: false, message: "The ACP agent has no command line: set it in the project's agent settings" };
    const split = splitCommandLine(settings.customCommand);
    if (!split.ok) return { ok: false, message: `ACP agent command: ${split.message}` };
    const extra = extraArgsOf(settings.extraArgs);
    if (!extra.ok) return extra;
    // Both always set, so nothing inherited from the server's environment can stand in for them.
    const env: Record<string, string> = {
      ...flotillaEnv(invocation),
      FLOTILLA_ACP_PERMISSION: settings.permissionMode,
      FLOTILLA_ACP_RESUME: invocation.resumeSessionId ?? "",
    };
    return {
      ok: true,
      command: invocation.runtime.nodePath,
      args: [invocation.runtime.acpClientPath, "--", ...split.argv, ...extra.args],
      env,
    };
  },
};
