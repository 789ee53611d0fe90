// Claude Code: `claude -p` with the instructions on stdin and a JSON event stream on stdout.
import type { AgentAdapter } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { extraArgsOf } from "./extra-args";
import { claudeRootCheck, isRootRefusal, ROOT_REFUSAL_HELP } from "./claude-permissions";
import { claudeFinalText, claudeUsageLine, parseClaudeLine, summarizeClaude } from "./claude-stream";

export const claudeAgent: AgentAdapter = {
  kind: "claude",
  label: "Claude Code",
  defaultReview: "spec+quality",
  capabilities: { builtIn: false, plans: true, activity: true, cost: true, resume: true },
  preflight: claudeRootCheck,
  explainFailure: (logTail) => (isRootRefusal(logTail) ? ROOT_REFUSAL_HELP : null),
  program: () => "claude",
  versionArgs: ["--version"],
  parseLine: parseClaudeLine,
  usageOfLine: claudeUsageLine,
  summarize: summarizeClaude,
  finalText: claudeFinalText,
  buildCommand: (invocation) => {
    const { settings } = invocation;
    const extra = extraArgsOf(settings.extraArgs);
    if (!extra.ok) return extra;
    const args = ["-p", "--output-format", "stream-json", "--verbose"];
    if (settings.permissionMode === "bypassPermissions") args.push("--dangerously-skip-permissions");
    else args.push("--permission-mode", settings.permissionMode);
    if (settings.allowedTools.length > 0) args.push("--allowedTools", settings.allowedTools.join(","));
    if (settings.model) args.push("--model", settings.model);
    if (invocation.resumeSessionId) args.push("--resume", invocation.resumeSessionId);
    // The CLI checks its spending after each turn, so one turn may go a little past it.
    if (invocation.maxBudgetUsd !== undefined)
      args.push("--max-budget-usd", String(Math.max(0.01, Math.floor(invocation.maxBudgetUsd * 100) / 100)));
    const env: Record<string, string> = { ...flotillaEnv(invocation) };
    if (settings.sandbox) env.IS_SANDBOX = "1";
    return { ok: true, command: "claude", args: [...args, ...extra.args], env };
  },
};
