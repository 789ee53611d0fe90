// Any command line from the project's settings, split into arguments and run without a shell,
// in the package's worktree with the instructions on stdin. Exit code 0 means success.
import { reportedUsageLine } from "./live-usage";
import { splitCommandLine } from "../run/command-line";
import type { AgentAdapter } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { plainOutput } from "./agent-output";

export const customAgent: AgentAdapter = {
  kind: "custom",
  label: "Custom command",
  defaultReview: "off",
  // cost: when the command prints a FLOTILLA_USAGE line (lib/core/agents/agent-output.ts).
  capabilities: { builtIn: false, plans: true, activity: false, cost: true, resume: false },
  program: (settings) => {
    const split = splitCommandLine(settings.customCommand);
    return split.ok ? split.argv[0] : null;
  },
  parseLine: (line) => [plainOutput.parseLine(line)],
  usageOfLine: reportedUsageLine,
  summarize: plainOutput.summarize,
  finalText: plainOutput.finalText,
  versionArgs: [],
  buildCommand: (invocation) => {
    if (invocation.settings.customCommand.trim() === "") {
      return { ok: false, message: "The custom agent has no command line: set one in the project's agent settings" };
    }
    const split = splitCommandLine(invocation.settings.customCommand);
    if (!split.ok) return { ok: false, message: `Custom command: ${split.message}` };
    const [command, ...args] = split.argv;
    return { ok: true, command, args, env: flotillaEnv(invocation) };
  },
};
