// Claude Code refuses --dangerously-skip-permissions when run as root. Flotilla says so before
// launching, and when the CLI's own message shows up, with the three ways out in plain words.
import type { AgentSettings } from "./agent-types";

export const ROOT_REFUSAL_HELP =
  "Claude Code refuses to skip permissions when it runs as root. Choose one: run Flotilla as a normal user; " +
  "or, if this machine is a disposable sandbox, tick \"This machine is a sandbox (IS_SANDBOX=1)\" in the project's settings; " +
  "or set the permissions to \"Accept edits only\" with an allowed-tools list (extra arguments, e.g. --allowedTools Bash,Read,Write,Edit).";

/** The refusal Claude Code would give for these settings when run by `uid`, before it happens. */
export function claudeRootRefusal(settings: AgentSettings, uid: number | null): string | null {
  if (uid !== 0 || settings.permissionMode !== "bypassPermissions" || settings.sandbox) return null;
  return ROOT_REFUSAL_HELP;
}

/** True when Claude Code's output is its refusal to skip permissions as root. */
export function isRootRefusal(output: string): boolean {
  return /cannot be used with root\/sudo privileges/i.test(output);
}
