// Runs git through simple-git with an argument array (never a shell string) and reports the
// result honestly: every exit code comes back (simple-git's own error for a non-zero exit is
// turned back into a result), so callers decide, as with `merge-base --is-ancestor` or a
// conflicting `merge-tree`. simple-git has no task for `worktree` or `merge-tree --write-tree`:
// `raw` runs them all the same.
import { statSync } from "node:fs";
import { simpleGit } from "simple-git";

const isDirectory = (dir: string) => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

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

// Programs git could start on its own (an editor, a pager, a password prompt): Flotilla's git
// never needs one, and simple-git refuses to run with them set.
const PROGRAM_HOOKS =
  /^(editor|visual|pager|ssh_askpass|prefix|git_(askpass|editor|sequence_editor|pager|external_diff|exec_path|proxy_command|ssh|ssh_command|template_dir|config|config_global|config_system|config_count|config_parameters|config_key_\d+|config_value_\d+))$/i;

/** The environment git runs with: the caller's, minus repository overrides and program hooks, never prompting. */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || REPOSITORY_OVERRIDES.includes(name) || PROGRAM_HOOKS.test(name)) continue;
    env[name] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
}

/** Runs git in `cwd` with `args`; never throws for a non-zero exit (the caller decides). */
export async function runGit(cwd: string, args: readonly string[], timeoutMs = 60_000): Promise<GitResult> {
  // As git itself answers `git -C missing ...` (simple-git refuses a folder that is not there).
  if (!isDirectory(cwd))
    return { exitCode: 128, stdout: "", stderr: `fatal: cannot change to '${cwd}': No such file or directory\n` };
  const env = gitEnvironment();
  let ended = { exitCode: 0, stderr: "" };
  const git = simpleGit({
    baseDir: cwd,
    // Stops a git that printed nothing for this long (a hung lock, a prompt).
    timeout: { block: timeoutMs },
    allowEnvironment: Object.keys(env).filter((name) => /^git_/i.test(name)),
    errors: (error, result) => {
      ended = { exitCode: result.exitCode, stderr: Buffer.concat(result.stdErr).toString("utf8") };
      // A process that ran (any exit code) is a result; one that could not start stays an error.
      return result.exitCode === -1 || (error && !result.exitCode) ? error : undefined;
    },
  }).env(env);
  try {
    const stdout = await git.raw([...args]);
    return { exitCode: ended.exitCode, stdout, stderr: ended.stderr };
  } catch (err) {
    throw new Error(`git could not run: ${(err as Error).message} (is git installed and on PATH?)`);
  }
}
