// Runs an agent CLI once with a prompt and returns its stdout, in a throwaway detached worktree of
// the base branch: a planner with skipped permissions can look around but never touch the
// user's checkout.
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import type { AgentCommand, AgentKind } from "@/lib/core/agents/agent-types";
import { resolveAgentCommand } from "../agents/resolve-agent-command";
import { addWorktree, removeWorktree } from "../git/git-ops";
import { withRepoLock } from "../git/repo-lock";

export interface AgentRunResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
}

export async function runAgentOnce(options: {
  repo: string;
  baseRef: string;
  workRoot: string;
  prompt: string;
  timeoutMs: number;
  kind: AgentKind;
  /** Builds the command once the prompt file's path is known. */
  command: (promptPath: string) => AgentCommand;
}): Promise<AgentRunResult> {
  const dir = path.join(options.workRoot, `plan-${randomUUID().slice(0, 8)}`);
  const worktree = path.join(dir, "checkout");
  const promptPath = path.join(dir, "prompt.md");
  await mkdir(dir, { recursive: true });
  await writeFile(promptPath, options.prompt);
  try {
    await withRepoLock(options.repo, () =>
      addWorktree(options.repo, worktree, options.baseRef, { detach: true }),
    ).catch((err: Error) => {
      throw new Error(`could not create a planning worktree: ${err.message}`);
    });
    const built = options.command(promptPath);
    if (!built.ok) return { ok: false, stdout: "", stderr: built.message, exitCode: null, timedOut: false };
    const command = await resolveAgentCommand(options.kind, built);
    const result = await execa(command.command, command.args, {
      cwd: worktree,
      input: options.prompt,
      env: command.env,
      timeout: options.timeoutMs,
      forceKillAfterDelay: 5_000,
      reject: false,
      maxBuffer: 50_000_000,
    });
    const missing = result.code === "ENOENT" ? `program not found: ${command.command}` : "";
    return {
      ok: result.exitCode === 0 && !result.timedOut,
      stdout: String(result.stdout ?? ""),
      stderr: missing || String(result.stderr ?? ""),
      exitCode: result.exitCode ?? null,
      timedOut: result.timedOut,
    };
  } finally {
    await withRepoLock(options.repo, async () => {
      await removeWorktree(options.repo, worktree);
    });
    await rm(dir, { recursive: true, force: true });
  }
}
