// Before launch: runs the project's test command on the base commit in a throwaway worktree
// (files copied, set-up run), so the plan page can warn about a base that is already red.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { splitCommandLine } from "@/lib/core/run/command-line";
import { parseTestFailures } from "@/lib/core/run/test-failures";
import { copyIntoWorktree } from "@/lib/node/files/copy-into-worktree";
import { addWorktree, removeWorktree } from "@/lib/node/git/git-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { runCommand } from "@/lib/node/process/run-command";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export type BaseCheck =
  { configured: false } | { configured: true; exitCode: number | null; failures: string[] | null; output: string };

export async function checkBaseTests(db: Database, dataDir: string, runId: string): Promise<BaseCheck> {
  const { run, options } = await loadRunSnapshot(db, runId);
  if (!options.testCommand) return { configured: false };
  const test = splitCommandLine(options.testCommand);
  if (!test.ok) throw new UserError(`Test command: ${test.message}`);
  const repo = run.project.repoPath;
  const temp = await mkdtemp(path.join(dataDir, "base-check-"));
  const worktree = path.join(temp, "checkout");
  try {
    await withRepoLock(repo, () => addWorktree(repo, worktree, options.baseBranch, { detach: true })).catch(
      (err: Error) => {
        throw new UserError(`Could not check out ${options.baseBranch}: ${err.message}`);
      },
    );
    await copyIntoWorktree(repo, worktree, options.copyFiles);
    if (options.setupCommand) {
      const setup = splitCommandLine(options.setupCommand);
      if (!setup.ok) throw new UserError(`Set-up command: ${setup.message}`);
      const result = await runCommand(setup.argv, { cwd: worktree, timeoutMs: options.setupTimeoutSeconds * 1000 });
      if (!result.ok)
        throw new UserError(
          `The set-up command fails on ${options.baseBranch} (exit code ${result.exitCode ?? "none"}): ${maskText(result.output.slice(-800))}`,
        );
    }
    const result = await runCommand(test.argv, { cwd: worktree, timeoutMs: options.testTimeoutSeconds * 1000 });
    return {
      configured: true,
      exitCode: result.exitCode,
      failures: parseTestFailures(result.output, result.exitCode),
      output: maskText(result.output.slice(-3000)),
    };
  } finally {
    await withRepoLock(repo, () => removeWorktree(repo, worktree));
    await rm(temp, { recursive: true, force: true });
  }
}
