// Turns an adapter's command into the exact process to start: the program resolved on the
// agents' PATH (the user's own first), that PATH in its environment, and the program's version,
// so an attempt records which program ran.
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentKind } from "@/lib/core/agents/agent-types";
import { agentSearchPath } from "./agent-path";
import { findOnPath, programVersion } from "./agent-availability";

export interface ResolvedAgentCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Absolute path of the program that runs (as configured when it cannot be found). */
  program: string;
  version: string | null;
}

export async function resolveAgentCommand(
  kind: AgentKind,
  command: { command: string; args: string[]; env: Record<string, string> },
): Promise<ResolvedAgentCommand> {
  const searchPath = agentSearchPath();
  // A relative path such as ./agent.sh stays as it is: it is relative to the worktree.
  const found =
    command.command.startsWith("/") || !command.command.includes("/") ? findOnPath(command.command, searchPath) : null;
  const program = found ?? command.command;
  const version = found ? await programVersion(found, AGENTS[kind].versionArgs) : null;
  return { command: program, args: command.args, env: { PATH: searchPath, ...command.env }, program, version };
}
