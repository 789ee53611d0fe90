// Is an agent's program installed? Looks it up on PATH and asks for its version.
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { claudeRootRefusal } from "@/lib/core/agents/claude-permissions";
import type { AgentKind, AgentSettings } from "@/lib/core/agents/agent-types";

export type AgentAvailability =
  | { available: true; program: string | null; version: string | null }
  | { available: false; program: string | null; message: string };

/** The absolute path of `program` found on PATH (or as given, when it contains a slash). */
export function findOnPath(program: string, envPath = process.env.PATH ?? ""): string | null {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (program.includes("/")) return executable(program) ? path.resolve(program) : null;
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, program);
    if (executable(candidate)) return candidate;
  }
  return null;
}

export async function checkAgent(kind: AgentKind, settings: AgentSettings): Promise<AgentAvailability> {
  const adapter = AGENTS[kind];
  const program = adapter.program(settings);
  if (program === null) {
    if (kind === "custom") return { available: false, program, message: "The custom agent has no usable command line: set one in the project's agent settings" };
    return { available: true, program: null, version: null };
  }
  const found = findOnPath(program);
  if (!found) {
    return {
      available: false,
      program,
      message: `The ${adapter.label} agent needs the "${program}" command, which is not installed or not on PATH. Install it, or choose another agent (the demo agent works offline).`,
    };
  }
  const refusal = kind === "claude" ? claudeRootRefusal(settings, typeof process.getuid === "function" ? process.getuid() : null) : null;
  if (refusal) return { available: false, program: found, message: refusal };
  if (adapter.versionArgs.length === 0) return { available: true, program: found, version: null };
  const result = await execa(found, adapter.versionArgs, { reject: false, timeout: 15_000, stdin: "ignore" });
  const version = String(result.stdout || result.stderr).trim().split("\n")[0] || null;
  return { available: true, program: found, version };
}
