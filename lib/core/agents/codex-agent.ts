// OpenAI Codex CLI: `codex exec --json` with a short prompt; the instructions arrive on stdin,
// which Codex appends as a <stdin> block. A retry that continues the thread runs
// `codex exec resume THREAD -` with the resume prompt on stdin. The project's permission setting
// picks the sandbox: skip permissions runs without Codex's sandbox (which may not start inside a
// container), accept edits lets it write the worktree, ask keeps it read-only.
import type { AgentAdapter, AgentSettings } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { codexFinalText, codexUsageLine, parseCodexLine, summarizeCodex } from "./codex-events";
import { extraArgsOf } from "./extra-args";

export const CODEX_PROMPT = "Carry out the work package described in the input, in the current directory.";

/** Codex's sandbox and approval flags for the project's permission setting. */
export function codexPermissionArgs(mode: AgentSettings["permissionMode"]): string[] {
  if (mode === "bypassPermissions") return ["--dangerously-bypass-approvals-and-sandbox"];
  const sandbox = mode === "acceptEdits" ? "workspace-write" : "read-only";
  // Headless: nobody can approve, so a command the sandbox refuses fails instead of waiting.
  return ["-c", `sandbox_mode="${sandbox}"`, "-c", 'approval_policy="never"'];
}

export const codexAgent: AgentAdapter = {
  kind: "codex",
  label: "Codex CLI",
  defaultReview: "spec+quality",
  capabilities: { builtIn: false, plans: true, activity: true, cost: true, resume: true },
  program: () => "codex",
  parseLine: parseCodexLine,
  usageOfLine: codexUsageLine,
  usageIsSessionTotal: true,
  summarize: summarizeCodex,
  finalText: codexFinalText,
  versionArgs: ["--version"],
  buildCommand: (invocation) => {
    const { settings } = invocation;
    const extra = extraArgsOf(settings.extraArgs);
    if (!extra.ok) return extra;
    const resume = invocation.resumeSessionId;
    const args = [
      "exec",
      ...(resume ? ["resume"] : []),
      "--json",
      "--skip-git-repo-check",
      ...codexPermissionArgs(settings.permissionMode),
    ];
    if (settings.model) args.push("-m", settings.model);
    args.push(...extra.args);
    args.push(...(resume ? [resume, "-"] : [CODEX_PROMPT]));
    return { ok: true, command: "codex", args, env: flotillaEnv(invocation) };
  },
};
