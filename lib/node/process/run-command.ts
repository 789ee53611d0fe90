// Runs a configured command (the test command) to completion, without a shell, keeping the
// tail of its interleaved output.
import { execa } from "execa";
import { agentSearchPath } from "../agents/agent-path";

export interface CommandResult {
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** The last part of stdout and stderr, interleaved. */
  output: string;
}

const TAIL_CHARS = 20_000;

export async function runCommand(
  argv: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: Record<string, string> },
): Promise<CommandResult> {
  const [program, ...args] = argv;
  const result = await execa(program, args, {
    cwd: options.cwd,
    // The user's own programs first (their vitest, not Flotilla's bundled one).
    env: { CI: "1", PATH: agentSearchPath(), ...options.env },
    timeout: options.timeoutMs,
    forceKillAfterDelay: 5_000,
    reject: false,
    all: true,
    stdin: "ignore",
    maxBuffer: 50_000_000,
  });
  const all = String(result.all ?? "");
  const output = all.length > TAIL_CHARS ? `…${all.slice(-TAIL_CHARS)}` : all;
  const notFound = result.code === "ENOENT" ? `${program}: command not found (is it installed and on PATH?)\n` : "";
  return {
    ok: result.exitCode === 0 && !result.timedOut,
    exitCode: result.exitCode ?? null,
    timedOut: result.timedOut,
    output: notFound + output,
  };
}
