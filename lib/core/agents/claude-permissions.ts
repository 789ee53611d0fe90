// Claude Code refuses --dangerously-skip-permissions when run as root, unless IS_SANDBOX=1 or
// CLAUDE_CODE_BUBBLEWRAP is in its environment. Flotilla checks the environment the agent will
// inherit before launching, says which way out it found, and names the ways out when there is none.
import type { AgentPreflight, AgentSettings, HostFacts } from "./agent-types";

export const ROOT_REFUSAL_HELP =
  "Claude Code refuses to skip permissions when it runs as root. Choose one: run Flotilla as a normal user; " +
  'or, if this machine is a disposable sandbox, tick "This machine is a sandbox (IS_SANDBOX=1)" in the project\'s settings ' +
  "(or export IS_SANDBOX=1 before starting Flotilla); " +
  'or set the permissions to "Accept edits only" with an allowed-tools list (extra arguments, e.g. --allowedTools Bash,Read,Write,Edit).';

/** Whether Claude Code will run with these settings on this host, and why. */
export function claudeRootCheck(settings: AgentSettings, host: HostFacts): AgentPreflight {
  if (host.uid !== 0) return { ok: true, note: null };
  if (settings.permissionMode !== "bypassPermissions") {
    return { ok: true, note: `runs as root with permission mode "${settings.permissionMode}"` };
  }
  if (settings.sandbox)
    return { ok: true, note: 'runs as root: the project\'s "This machine is a sandbox" setting passes IS_SANDBOX=1' };
  if (host.env.IS_SANDBOX === "1")
    return { ok: true, note: "runs as root: IS_SANDBOX=1 is set in the environment Flotilla was started with" };
  if (host.env.CLAUDE_CODE_BUBBLEWRAP)
    return {
      ok: true,
      note: "runs as root: CLAUDE_CODE_BUBBLEWRAP is set in the environment Flotilla was started with",
    };
  const found =
    host.env.IS_SANDBOX === undefined ? "IS_SANDBOX is not set" : `IS_SANDBOX is "${host.env.IS_SANDBOX}", not "1"`;
  return {
    ok: false,
    message: `${ROOT_REFUSAL_HELP} (Flotilla runs as root, ${found} in its environment, and the sandbox setting is off.)`,
  };
}

/** True when Claude Code's output is its refusal to skip permissions as root. */
export function isRootRefusal(output: string): boolean {
  return /cannot be used with root\/sudo privileges/i.test(output);
}
