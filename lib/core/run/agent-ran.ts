// Which agent program ran a package (or a run): the latest attempt that recorded one.

export interface AgentRan {
  /** Absolute path of the program, as looked up on the user's PATH. */
  program: string;
  version: string | null;
}

export function agentRanOf(
  attempts: ReadonlyArray<{ number: number; agentProgram: string | null; agentVersion: string | null }>,
): AgentRan | null {
  const latest = [...attempts].sort((a, b) => b.number - a.number).find((a) => a.agentProgram !== null);
  return latest ? { program: latest.agentProgram!, version: latest.agentVersion } : null;
}

/** "claude 2.1.332 (Claude Code) at /usr/local/bin/claude", or the program alone. */
export function describeAgentRan(ran: AgentRan | null): string | null {
  if (!ran) return null;
  return ran.version ? `${ran.version} at ${ran.program}` : ran.program;
}
