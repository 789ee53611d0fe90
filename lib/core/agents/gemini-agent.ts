// Google Gemini CLI: `gemini -p PROMPT --output-format stream-json`; the instructions arrive on
// stdin, which the CLI puts before the prompt. A retry that continues the session adds
// `--resume ID` (the resume prompt is then what arrives on stdin). The permission setting picks
// the approval mode: headless, the default mode offers the model no tool that writes.
import type { AgentAdapter, AgentSettings } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { extraArgsOf } from "./extra-args";
import { geminiFinalText, geminiUsageLine, parseGeminiLine, summarizeGemini } from "./gemini-events";

export const GEMINI_PROMPT = "Carry out the work package described above, in the current directory.";
export const GEMINI_RESUME_PROMPT = "Continue as described above.";

const APPROVAL: Record<AgentSettings["permissionMode"], string> = {
  bypassPermissions: "yolo",
  acceptEdits: "auto_edit",
  default: "default",
};

export const geminiAgent: AgentAdapter = {
  kind: "gemini",
  label: "Gemini CLI",
  defaultReview: "spec+quality",
  capabilities: { builtIn: false, plans: true, activity: true, cost: true, resume: true },
  program: () => "gemini",
  parseLine: parseGeminiLine,
  usageOfLine: geminiUsageLine,
  summarize: summarizeGemini,
  finalText: geminiFinalText,
  versionArgs: ["--version"],
  buildCommand: (invocation) => {
    const { settings } = invocation;
    const extra = extraArgsOf(settings.extraArgs);
    if (!extra.ok) return extra;
    const args = [
      "-p",
      invocation.resumeSessionId ? GEMINI_RESUME_PROMPT : GEMINI_PROMPT,
      "--output-format",
      "stream-json",
      `--approval-mode=${APPROVAL[settings.permissionMode]}`,
    ];
    if (settings.model) args.push("-m", settings.model);
    if (invocation.resumeSessionId) args.push("--resume", invocation.resumeSessionId);
    // A worktree is a folder the CLI has never seen: untrusted, it would refuse to run headless.
    const env = { ...flotillaEnv(invocation), GEMINI_CLI_TRUST_WORKSPACE: "true" };
    return { ok: true, command: "gemini", args: [...args, ...extra.args], env };
  },
};
