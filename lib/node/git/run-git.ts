// Runs git with an argument array (never a shell string) and reports the result honestly.
// Written on execa rather than simple-git: every call we need (rev-parse, for-each-ref, and later
// merge-tree --write-tree) is a raw command either way, and execa gives exit codes, timeouts and
// process-tree kills in one place.
import { execa } from "execa";

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

// Variables that would point git at another repository than the one we name with -C.
const REPOSITORY_OVERRIDES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_COMMON_DIR",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
];

/** The environment git runs with: the caller's, minus repository overrides, never prompting. */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  for (const name of REPOSITORY_OVERRIDES) delete env[name];
  return env;
}

/** Runs `git -C cwd ...args`; never throws for a non-zero exit (the caller decides). */
export async function runGit(cwd: string, args: readonly string[], timeoutMs = 60_000): Promise<GitResult> {
  const result = await execa("git", ["-C", cwd, ...args], {
    reject: false,
    env: gitEnvironment(),
    extendEnv: false,
    timeout: timeoutMs,
    stdin: "ignore",
  });
  if (result.failed && result.exitCode === undefined) {
    throw new Error(`git could not run: ${result.shortMessage ?? "unknown error"} (is git installed and on PATH?)`);
  }
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
