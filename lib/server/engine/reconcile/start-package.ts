// Starts one package: a fresh worktree on its own branch from the feature branch's tip (so it
// sees everything merged before it), its instructions.md, and a detached worker running the agent.
import { launchAttempt } from "@/lib/server/engine/reconcile/launch-attempt";
import { goesToQueue } from "@/lib/server/runners/remote-dispatch";
import { attemptReasonColumns, movePackage } from "@/lib/server/engine/state/transition";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { remainingForPackage } from "@/lib/core/run/budget";
import { packageSpent } from "@/lib/server/engine/reconcile/budget-stop";
import { renderInstructions, type CompletedPackage } from "@/lib/core/wbs/render-instructions";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import {
  deleteBranch,
  ensureWorktree,
  removeWorktree,
  resolveCommit,
  switchWorktreeBranch,
} from "@/lib/node/git/git-ops";
import { renderResumePrompt } from "@/lib/core/agents/resume";
import { afterFreshRetry } from "@/lib/core/conflicts/conflict-state";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { copyIntoWorktree } from "@/lib/node/files/copy-into-worktree";
import { reuseNodeModules } from "@/lib/node/setup/reuse-dependencies";
import { appendFile } from "node:fs/promises";
import { existsSync as fileExists } from "node:fs";
import { splitCommandLine } from "@/lib/core/run/command-line";
import { agentRuntime } from "@/lib/node/flotilla-home";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { packageBranchOf, runPaths } from "@/lib/server/engine/state/run-paths";
import { toWorkBreakdown, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const ATTEMPT_FILES = [
  "instructions.md",
  "prompt.md",
  "output.md",
  "agent.log",
  "setup.log",
  "phase",
  "pid",
  "agent.pid",
  "exit-code",
  ".done",
  "result.json",
  "attempt-id",
];

/** Moves the previous attempt's files out of the package folder into attempt-N/. */
export async function archivePreviousAttempt(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: RunSnapshot["packages"][number],
): Promise<void> {
  const previous = pkg.latestAttempt;
  if (!previous) return;
  const paths = runPaths(ctx.dataDir, snapshot.run.id);
  const archive = paths.attemptArchive(pkg.wpId, previous.number);
  const current = paths.packageDir(pkg.wpId);
  if (existsSync(current)) {
    const present = (await readdir(current)).filter((f) => ATTEMPT_FILES.includes(f));
    if (present.length > 0) {
      await mkdir(archive, { recursive: true });
      for (const file of present) await rename(path.join(current, file), path.join(archive, file));
    }
  }
  if (previous.dir !== archive && existsSync(archive)) {
    await ctx.db.attempt.update({
      where: { id: previous.id },
      data: { dir: archive, logPath: path.join(archive, "agent.log") },
    });
  }
}

function completedSoFar(snapshot: RunSnapshot): CompletedPackage[] {
  return snapshot.packages
    .filter((p) => p.status === "merged" && p.mergeCommit)
    .map((p) => ({
      id: p.wpId,
      name: p.name,
      commit: p.mergeCommit!,
      changedFiles: parseOutcome(p.outcome).changedFiles,
    }));
}

export async function startPackage(ctx: EngineContext, snapshot: RunSnapshot, wpId: string): Promise<void> {
  const { run, options } = snapshot;
  const pkg = snapshot.packages.find((p) => p.wpId === wpId)!;
  const repo = run.project.repoPath;
  const paths = runPaths(ctx.dataDir, run.id);
  const number = (pkg.latestAttempt?.number ?? 0) + 1;
  const branch = packageBranchOf(run.slug, pkg.wpId, number);
  const worktree = paths.worktree(pkg.wpId);
  const dir = paths.packageDir(pkg.wpId);

  const previous = pkg.latestAttempt;
  // A retry that continues the agent's session keeps the worktree the session worked in.
  const resumeSessionId = pkg.resumeSessionId;
  const keepWorktree = resumeSessionId !== null && previous?.baseCommit != null && existsSync(worktree);
  await archivePreviousAttempt(ctx, snapshot, pkg);
  const baseCommit = keepWorktree ? previous!.baseCommit! : await resolveCommit(repo, run.featureBranch!);
  const attempt = await ctx.db.attempt.create({
    data: {
      workPackageId: pkg.id,
      number,
      role: "implement",
      status: "starting",
      runner: ctx.runner ?? null,
      branch,
      baseCommit,
      dir,
      worktreePath: worktree,
      logPath: path.join(dir, "agent.log"),
    },
  });
  await movePackage(ctx.db, pkg, "running", {
    statusReason: null,
    branch,
    outcome: "{}",
    preMergeCommit: null,
    resumeSessionId: null,
    // A fresh implementation (a retry, a resume, a deferred rerun) settles an open conflict.
    conflict: afterFreshRetry(pkg.conflict, ctx.now().toISOString()),
  });

  const fail = async (why: string) => {
    const reason = { code: "start_failed", why } as const;
    await ctx.db.attempt.update({
      where: { id: attempt.id },
      data: { status: "failed", ...attemptReasonColumns(reason), endedAt: ctx.now() },
    });
    await movePackage(
      ctx.db,
      pkg,
      "failed",
      { reason },
      { type: "package.failed", runId: run.id, workPackageId: pkg.id, payload: { wpId, reason: why } },
    );
  };

  try {
    await withRepoLock(repo, async () => {
      if (keepWorktree) {
        await switchWorktreeBranch(repo, worktree, branch);
      } else {
        // A retry starts clean: the previous attempt's worktree goes first.
        await removeWorktree(repo, worktree);
      }
      if (previous?.branch && previous.branch !== branch) await deleteBranch(repo, previous.branch);
      if (!keepWorktree) await ensureWorktree(repo, worktree, branch, baseCommit);
    });
  } catch (err) {
    await fail(`Could not create its worktree: ${(err as Error).message}`);
    return;
  }

  try {
    await copyIntoWorktree(repo, worktree, options.copyFiles);
  } catch (err) {
    await fail((err as Error).message);
    return;
  }
  let setup: { argv: string[]; timeoutMs: number } | null = null;
  // The integration worktree was set up at run start: with the same lockfile, reuse its install
  // (not for a runner host, which sets up its own worktree; its log is the host's alone).
  const integrationReady = fileExists(path.join(paths.runDir, "integration-setup.done"));
  const reused =
    options.setupCommand && integrationReady && !(await goesToQueue(ctx, snapshot, "implement"))
      ? await reuseNodeModules(paths.integration, worktree).catch(() => false)
      : false;
  if (reused) {
    await mkdir(dir, { recursive: true });
    await appendFile(
      path.join(dir, "agent.log"),
      "[flotilla] reused node_modules from the integration worktree (same lockfile): set-up skipped\n",
    );
  }
  if (options.setupCommand && !reused) {
    const split = splitCommandLine(options.setupCommand);
    if (!split.ok) {
      await fail(`Set-up command: ${split.message}`);
      return;
    }
    setup = { argv: split.argv, timeoutMs: options.setupTimeoutSeconds * 1000 };
  }

  await mkdir(dir, { recursive: true });
  const instructionsPath = path.join(dir, "instructions.md");
  await writeFile(
    instructionsPath,
    renderInstructions(toWorkBreakdown(snapshot), pkg.wpId, { completed: completedSoFar(snapshot) }),
  );
  // Continuing a session, the agent gets why it stopped; its instructions stay in instructions.md.
  let promptPath = instructionsPath;
  if (resumeSessionId) {
    promptPath = path.join(dir, "prompt.md");
    const reason =
      previous?.failureReason ?? "its work did not merge (it conflicted with the feature branch or broke the tests)";
    await writeFile(promptPath, renderResumePrompt(pkg.wpId, reason, instructionsPath));
  }

  const maxBudgetUsd = remainingForPackage(
    { spentUsd: snapshot.run.costUsd, budgetUsd: snapshot.options.budgetUsd },
    { spentUsd: packageSpent(pkg), capUsd: snapshot.options.packageBudgetUsd },
  );
  const command = AGENTS[options.agent].buildCommand({
    role: "implement",
    settings: options.agentSettings,
    runId: run.id,
    wpId: pkg.wpId,
    instructionsPath,
    runtime: agentRuntime(),
    ...(resumeSessionId ? { resumeSessionId } : {}),
    maxBudgetUsd,
  });
  if (!command.ok) {
    await fail(command.message);
    return;
  }
  try {
    // On a runner host, a session of another machine cannot be continued: it starts afresh there.
    const queued = { role: "implement", promptFile: instructionsPath, worktree, branch, maxBudgetUsd } as const;
    const { pid, startedAt: now } = await launchAttempt(
      ctx,
      snapshot,
      attempt.id,
      command,
      { dir, cwd: worktree, stdinFile: promptPath, setup },
      queued,
    );
    await ctx.db.run.update({ where: { id: run.id }, data: { lastStartAt: now } });
    await appendEvent(ctx.db, {
      type: "package.started",
      runId: run.id,
      workPackageId: pkg.id,
      payload: { wpId, attempt: number, pid, branch, ...(pid === null ? { queued: true } : {}) },
    });
  } catch (err) {
    await fail(`Could not start the agent: ${(err as Error).message}`);
  }
}
