// OpenAI Codex CLI: `codex exec` with a short prompt; the instructions arrive on stdin as context.
// --sandbox workspace-write lets it edit the worktree (--full-auto is deprecated).
import type { AgentAdapter } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { plainOutput } from "./agent-output";
import { extraArgsOf } from "./extra-args";

export const codexAgent: AgentAdapter = {
  kind: "codex",
  label: "Codex CLI",
  defaultReview: "spec+quality",
  capabilities: { builtIn: false, plans: true, activity: false, cost: false, resume: false },
  program: () => "codex",
  parseLine: (line) => [plainOutput.parseLine(line)],
  summarize: plainOutput.summarize,
  finalText: plainOutput.finalText,
  versionArgs: ["--version"],
  buildCommand: (invocation) => {
    const extra = extraArgsOf(invocation.settings.extraArgs);
    if (!extra.ok) return extra;
    const args = ["exec", "--sandbox", "workspace-write", "--skip-git-repo-check"];
    if (invocation.settings.model) args.push("-m", invocation.settings.model);
    return {
      ok: true,
      command: "codex",
      args: [...args, ...extra.args, "Carry out the work package described in the input, in the current directory."],
      env: flotillaEnv(invocation),
    };
  },
};
