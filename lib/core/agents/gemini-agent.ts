// Google Gemini CLI: `gemini -p`, whose prompt is appended to what arrives on stdin.
import type { AgentAdapter } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { plainOutput } from "./agent-output";
import { extraArgsOf } from "./extra-args";

export const geminiAgent: AgentAdapter = {
  kind: "gemini",
  label: "Gemini CLI",
  defaultReview: "spec+quality",
  capabilities: { builtIn: false, plans: true, activity: false, cost: false, resume: false },
  program: () => "gemini",
  parseLine: (line) => [plainOutput.parseLine(line)],
  summarize: plainOutput.summarize,
  finalText: plainOutput.finalText,
  versionArgs: ["--version"],
  buildCommand: (invocation) => {
    const extra = extraArgsOf(invocation.settings.extraArgs);
    if (!extra.ok) return extra;
    const args = [
      "--approval-mode=yolo",
      "-p",
      "Carry out the work package described above, in the current directory.",
    ];
    if (invocation.settings.model) args.push("-m", invocation.settings.model);
    return { ok: true, command: "gemini", args: [...args, ...extra.args], env: flotillaEnv(invocation) };
  },
};
