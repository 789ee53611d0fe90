// Is an agent's program installed, and which one runs? Looks it up on the agents' PATH (the
// user's own first, Flotilla's bundled copies last) and asks for its version.
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentKind, AgentPreflight, AgentSettings } from "@/lib/core/agents/agent-types";
import { agentSearchPath } from "./agent-path";

export type AgentAvailability =
  | { available: true; program: string | null; version: string | null; note: string | null }
  | { available: false; program: string | null; message: string };

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `program` found on the agents' PATH (or as given, when it has a slash). */
export function findOnPath(program: string, envPath = agentSearchPath()): string | null {
  if (program.includes("/")) return isExecutableFile(program) ? path.resolve(program) : null;
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, program);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

const versions = new Map<string, Promise<string | null>>();

/** The first line a program prints for its version, cached per file and modification time. */
export function programVersion(file: string, versionArgs: string[]): Promise<string | null> {
  if (versionArgs.length === 0) return Promise.resolve(null);
  let stamp = "";
  try {
    const info = statSync(file);
    stamp = `${info.mtimeMs}:${info.size}`;
  } catch {
    return Promise.resolve(null);
  }
  const key = `${file}\0${stamp}\0${versionArgs.join(" ")}`;
  let version = versions.get(key);
  if (!version) {
    version = execa(file, versionArgs, {
      reject: false,
      timeout: 15_000,
      stdin: "ignore",
      env: { PATH: agentSearchPath() },
    }).then(
      (result) =>
        String(result.stdout || result.stderr)
          .trim()
          .split("\n")[0] || null,
    );
    versions.set(key, version);
  }
  return version;
}

/** The adapter's own preflight (Claude Code's root rule) against this host and environment. */
export function preflightAgent(kind: AgentKind, settings: AgentSettings): AgentPreflight {
  const check = AGENTS[kind].preflight;
  if (!check) return { ok: true, note: null };
  return check(settings, { uid: typeof process.getuid === "function" ? process.getuid() : null, env: process.env });
}

export async function checkAgent(kind: AgentKind, settings: AgentSettings): Promise<AgentAvailability> {
  const adapter = AGENTS[kind];
  const program = adapter.program(settings);
  if (program === null) {
    if (adapter.capabilities.builtIn) return { available: true, program: null, version: null, note: null };
    return {
      available: false,
      program,
      message: `The ${adapter.label} agent has no usable command line: set one in the project's agent settings`,
    };
  }
  const found = findOnPath(program);
  if (!found) {
    return {
      available: false,
      program,
      message: `The ${adapter.label} agent needs the "${program}" command, which is not installed or not on PATH. Install it, or choose another agent (the demo agent works offline).`,
    };
  }
  const preflight = preflightAgent(kind, settings);
  if (!preflight.ok) return { available: false, program: found, message: preflight.message };
  return {
    available: true,
    program: found,
    version: await programVersion(found, adapter.versionArgs),
    note: preflight.note,
  };
}
