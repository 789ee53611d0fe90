// When a package's merge would conflict, the machine integrates before a person is asked:
// 1. update its branch (merge the feature branch's tip into it, in its own worktree); if git
//    settles everything, it merges as usual and nothing reruns;
// 2. otherwise agent rounds (role "resolve") in that worktree, each checked for leftover markers,
//    committed, and sent through the quality review (when on) and the test gate; a resolution
//    that fails the tests is undone and counts as a round;
// 3. after the project's bound of rounds, the package is `conflicted` and waits for a person
//    (commands/resolve-conflict.ts), with the conflict left in its worktree to look at.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import {
  closeConflict,
  mayStartRound,
  parseConflictState,
  type ConflictState,
  type OpenConflict,
} from "@/lib/core/conflicts/conflict-state";
import { renderResolvePrompt, type OtherSide } from "@/lib/core/conflicts/resolve-prompt";
import { parseOutcome } from "@/lib/core/run/package-outcome";
import { parseReviewState } from "@/lib/core/review/review-state";
import { advanceReview } from "@/lib/server/engine/reconcile/review-steps";
import { renderInstructions } from "@/lib/core/wbs/render-instructions";
import type { StopReason } from "@/lib/core/run/stop-reasons";
import { changedFiles, ensureWorktree, isAncestor, resolveCommit } from "@/lib/node/git/git-ops";
import {
  commitResolution,
  mergeDiff,
  mergeFeatureIntoPackage,
  mergeInProgress,
  undoBranchUpdate,
  unmergedFiles,
} from "@/lib/node/git/conflict-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchStep } from "@/lib/server/engine/reconcile/launch-attempt";
import { archivePreviousAttempt } from "@/lib/server/engine/reconcile/start-package";
import { movePackage } from "@/lib/server/engine/state/transition";
import { runPaths } from "@/lib/server/engine/state/run-paths";
import { toWorkBreakdown, type RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

type Pkg = RunSnapshot["packages"][number];

const json = (state: ConflictState) => JSON.stringify(state);
const updateMessage = (snapshot: RunSnapshot, pkg: Pkg) =>
  `Merge ${snapshot.run.featureBranch} into ${pkg.branch} (${pkg.wpId}: conflict integration)`;

/** The package's worktree, created again at its branch if it went missing. */
export async function packageWorktree(ctx: EngineContext, snapshot: RunSnapshot, pkg: Pkg): Promise<string> {
  const worktree = pkg.latestAttempt?.worktreePath ?? runPaths(ctx.dataDir, snapshot.run.id).worktree(pkg.wpId);
  if (!existsSync(worktree)) {
    const repo = snapshot.run.project.repoPath;
    await ensureWorktree(repo, worktree, pkg.branch!, await resolveCommit(repo, pkg.branch!));
  }
  return worktree;
}

/**
 * Packages already merged that changed any of the files and whose merge the package's branch
 * does not hold yet (`branchTip`): the other side of the conflict.
 */
async function otherSides(
  snapshot: RunSnapshot,
  pkg: Pkg,
  files: readonly string[],
  branchTip: string,
): Promise<Pkg[]> {
  const touching = snapshot.packages.filter(
    (p) =>
      p.id !== pkg.id &&
      p.status === "merged" &&
      p.mergeCommit &&
      parseOutcome(p.outcome).changedFiles?.some((f) => files.includes(f)),
  );
  const repo = snapshot.run.project.repoPath;
  const held = await Promise.all(touching.map((p) => isAncestor(repo, p.mergeCommit!, branchTip)));
  return touching.filter((_, i) => !held[i]);
}

/** Words for where a conflict stands, for the card's status line. */
const roundNote = (c: OpenConflict, bound: number) =>
  `Resolving the conflict in ${c.files.join(", ")}${c.with.length ? ` with ${c.with.join(", ")}` : ""}: agent round ${c.rounds + 1} of ${bound + c.extraRounds}`;

/**
 * The merge train found that merging `pkg` into `featureTip` conflicts on `files`. Runs inside the
 * repository lock, with the package `merging`. Returns "merge" when its branch now merges cleanly
 * (git settled it), "resolving" when an agent round is due, "conflicted" when a person is asked.
 */
export async function integrateConflict(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  files: string[],
  featureTip: string,
): Promise<"merge" | "resolving" | "conflicted"> {
  const worktree = await packageWorktree(ctx, snapshot, pkg);
  let state = parseConflictState(pkg.conflict);
  const now = ctx.now().toISOString();
  // A resolution that held, but the feature branch moved again since: a new conflict.
  if (state.current && state.current.phase === "resolved" && state.current.featureTip !== featureTip) {
    state = closeConflict(state, state.current.by ?? "git", now);
    const { files: settled, with: others, resolvedBy, rounds, costUsd } = state.history.at(-1)!;
    await appendEvent(ctx.db, {
      type: "package.conflict_resolved",
      runId: snapshot.run.id,
      workPackageId: pkg.id,
      payload: { wpId: pkg.wpId, files: settled, with: others, resolvedBy: resolvedBy!, rounds, costUsd },
    });
  }
  let current = state.current;
  if (!current || current.featureTip !== featureTip) {
    const packageTip = await resolveCommit(worktree, "HEAD");
    const others = (await otherSides(snapshot, pkg, files, packageTip)).map((p) => p.wpId);
    current = {
      files,
      with: others,
      resolvedBy: null,
      rounds: 0,
      costUsd: 0,
      detectedAt: now,
      endedAt: null,
      featureTip,
      packageTip,
      phase: "resolving",
      by: null,
      extraRounds: 0,
      undoPending: false,
      rerere: true,
      lastProblem: null,
    };
    state = { ...state, current };
    await movePackage(
      ctx.db,
      pkg,
      "merging",
      { conflict: json(state) },
      {
        type: "package.conflict_detected",
        runId: snapshot.run.id,
        workPackageId: pkg.id,
        payload: { wpId: pkg.wpId, files, with: others },
      },
    );
  }
  const update = await mergeFeatureIntoPackage(worktree, featureTip, updateMessage(snapshot, pkg), {
    rerere: current.rerere,
  });
  if (update.clean) {
    state = { ...state, current: { ...current, phase: "resolved", by: "git", lastProblem: null } };
    await movePackage(ctx.db, pkg, "merging", { conflict: json(state) });
    return "merge";
  }
  current = {
    ...current,
    phase: "resolving",
    by: null,
    files: [...new Set([...files, ...update.conflicted])].sort(),
  };
  state = { ...state, current };
  if (mayStartRound(current, snapshot.options.resolveRounds)) {
    await movePackage(ctx.db, pkg, "resolving", {
      conflict: json(state),
      preMergeCommit: null,
      statusReason: roundNote(current, snapshot.options.resolveRounds),
    });
    return "resolving";
  }
  await askPerson(ctx, snapshot, pkg, state, worktree);
  return "conflicted";
}

/**
 * Makes the worktree hold the conflict to resolve: a resolution that failed the tests is undone
 * first (and merged again without rerere); the feature branch's tip is merged again when it
 * moved before any round touched the files (a round held back for another one that merged
 * meanwhile: one round then settles every side). Runs inside the repository lock.
 */
async function prepareWorktree(
  snapshot: RunSnapshot,
  pkg: Pkg,
  conflict: OpenConflict,
  worktree: string,
): Promise<{ current: OpenConflict; files: string[]; clean: boolean }> {
  let current = conflict;
  if (current.undoPending) {
    await undoBranchUpdate(worktree, current.packageTip, snapshot.options.copyFiles);
    current = { ...current, undoPending: false, rerere: false };
  }
  const tip = await resolveCommit(snapshot.run.project.repoPath, snapshot.run.featureBranch!);
  const head = await resolveCommit(worktree, "HEAD");
  const merging = await mergeInProgress(worktree);
  const untouched = current.rounds === 0 && current.extraRounds === 0;
  const moved = merging && untouched && tip !== current.featureTip;
  if (!moved && (merging || (await isAncestor(worktree, current.featureTip, head)))) {
    const unmerged = await unmergedFiles(worktree);
    return { current, files: unmerged.length > 0 ? unmerged : current.files, clean: false };
  }
  const update = await mergeFeatureIntoPackage(worktree, tip, updateMessage(snapshot, pkg), { rerere: current.rerere });
  current = { ...current, featureTip: tip, files: update.clean ? current.files : update.conflicted };
  return { current, files: update.conflicted, clean: update.clean };
}

/** After the last round: `conflicted`, with the conflict left in the worktree for a person. */
async function askPerson(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  state: ConflictState,
  worktree: string,
): Promise<void> {
  // A person sees the conflict itself in the worktree (a failed resolution undone first).
  const { current } = await prepareWorktree(snapshot, pkg, state.current!, worktree);
  const reason: StopReason = {
    code: "conflict",
    files: current.files,
    rounds: current.rounds,
    worktree,
    lastProblem: current.lastProblem,
  };
  await movePackage(
    ctx.db,
    pkg,
    "conflicted",
    {
      reason,
      preMergeCommit: null,
      conflict: json({ ...state, current: { ...current, phase: "waiting", by: null } }),
      outcome: JSON.stringify({ ...parseOutcome(pkg.outcome), conflictFiles: current.files }),
    },
    {
      type: "package.conflict_needs_person",
      runId: snapshot.run.id,
      workPackageId: pkg.id,
      payload: { wpId: pkg.wpId, files: current.files, rounds: current.rounds },
    },
  );
}

/** The session an agent round continues: the package's own latest one, when its agent can resume. */
function sessionToContinue(snapshot: RunSnapshot, pkg: Pkg): string | null {
  if (!AGENTS[snapshot.options.agent].capabilities.resume) return null;
  return (
    pkg.attempts.find(
      (a) => ["implement", "fix", "resolve"].includes(a.role) && a.sessionId && a.status === "succeeded",
    )?.sessionId ??
    pkg.attempts.find((a) => ["implement", "fix", "resolve"].includes(a.role) && a.sessionId)?.sessionId ??
    null
  );
}

/** Starts the next agent round on a resolving package's conflict, in its worktree. */
export async function startResolveRound(ctx: EngineContext, snapshot: RunSnapshot, pkg: Pkg): Promise<void> {
  const repo = snapshot.run.project.repoPath;
  let state = parseConflictState(pkg.conflict);
  let current = state.current!;
  const worktree = await packageWorktree(ctx, snapshot, pkg);

  const prepared = await withRepoLock(repo, () => prepareWorktree(snapshot, pkg, current, worktree));
  current = prepared.current;
  const conflictFiles = prepared.files;
  if (prepared.clean) {
    // The feature branch moved, and now git combines them on its own.
    state = { ...state, current: { ...current, phase: "resolved", by: "git", lastProblem: null } };
    await movePackage(ctx.db, pkg, "succeeded", { conflict: json(state), statusReason: null });
    return;
  }

  const paths = runPaths(ctx.dataDir, snapshot.run.id);
  const dir = paths.packageDir(pkg.wpId);
  await archivePreviousAttempt(ctx, snapshot, pkg);
  const instructions = renderInstructions(toWorkBreakdown(snapshot), pkg.wpId);
  const others: OtherSide[] = await Promise.all(
    (await otherSides(snapshot, pkg, current.files, current.packageTip)).map(async (p) => ({
      id: p.wpId,
      name: p.name,
      scope: p.scope,
      diff: await mergeDiff(repo, p.mergeCommit!, current.files).catch(() => ""),
    })),
  );
  current = { ...current, with: [...new Set([...current.with, ...others.map((o) => o.id)])].sort() };
  const round = current.rounds + 1;
  const prompt = renderResolvePrompt({
    wpId: pkg.wpId,
    name: pkg.name,
    files: conflictFiles,
    featureBranch: snapshot.run.featureBranch!,
    instructions,
    others,
    testCommand: snapshot.options.testGate === "on" ? snapshot.options.testCommand : null,
    round,
    lastProblem: current.lastProblem,
  });
  await mkdir(dir, { recursive: true });
  const promptPath = path.join(dir, "instructions.md");
  await writeFile(promptPath, prompt);
  const last = pkg.latestAttempt;
  const number = (last?.number ?? 0) + 1;
  const attempt = await ctx.db.attempt.create({
    data: {
      workPackageId: pkg.id,
      number,
      role: "resolve",
      status: "starting",
      runner: ctx.runner ?? null,
      branch: pkg.branch,
      // What the package adds on top of the feature branch: a quality reviewer reads this diff.
      baseCommit: current.featureTip,
      dir,
      worktreePath: worktree,
      logPath: path.join(dir, "agent.log"),
    },
  });
  current = { ...current, rounds: round };
  state = { ...state, current };
  await movePackage(ctx.db, pkg, "resolving", {
    conflict: json(state),
    statusReason: `Agent round ${round} of ${snapshot.options.resolveRounds + current.extraRounds} on the conflict in ${current.files.join(", ")}`,
  });
  const resumeSessionId = sessionToContinue(snapshot, pkg);
  const step = {
    role: "resolve" as const,
    instructionsPath: promptPath,
    ...(resumeSessionId ? { resumeSessionId } : {}),
    conflictFiles,
  };
  if (!(await launchStep(ctx, snapshot, pkg, attempt.id, step, { dir, cwd: worktree }))) return;
  await appendEvent(ctx.db, {
    type: "package.resolve_started",
    runId: snapshot.run.id,
    workPackageId: pkg.id,
    payload: { wpId: pkg.wpId, round, attempt: number, files: conflictFiles },
  });
}

/** What a finished resolve attempt did, as collect-attempt read it. */
export interface ResolveResult {
  /** Why the agent itself did not finish (a timeout, an exit code, its own failure), or null. */
  failure: string | null;
  costUsd: number;
}

/**
 * A resolve round ended: its resolution is checked and committed, then goes through the quality
 * review (when on) and the merge train; a round that left markers or failed is counted, and
 * after the last one a person is asked. Returns the attempt's status.
 */
export async function collectResolveRound(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  result: ResolveResult,
): Promise<{ status: "succeeded" | "failed"; problem: string | null }> {
  const repo = snapshot.run.project.repoPath;
  let state = parseConflictState(pkg.conflict);
  let current: OpenConflict = { ...state.current!, costUsd: state.current!.costUsd + result.costUsd };
  const worktree = await packageWorktree(ctx, snapshot, pkg);
  let problem = result.failure;
  if (!problem) {
    const check = await withRepoLock(repo, () =>
      commitResolution(
        worktree,
        current,
        `${pkg.wpId}: resolve the conflict with ${snapshot.run.featureBranch} in ${current.files.join(", ")}`,
        snapshot.options.copyFiles,
      ),
    );
    if (!check.ok) problem = check.problem;
  }
  if (!problem) {
    current = { ...current, phase: "resolved", by: "agent", lastProblem: null };
    state = { ...state, current };
    const changed = await changedFiles(worktree, current.featureTip, "HEAD");
    const outcome = JSON.stringify({ ...parseOutcome(pkg.outcome), changedFiles: changed, conflictFiles: [] });
    await movePackage(ctx.db, pkg, "resolving", { conflict: json(state), outcome, statusReason: null });
    // The gates after the spec review (its scope did not change): the quality reviewer and a
    // person when they are on, each with a fresh count of rejections for the resolution.
    const review = parseReviewState(pkg.review);
    await advanceReview(
      ctx,
      snapshot,
      { ...pkg, conflict: json(state), outcome },
      { ...review, rejections: { ...review.rejections, quality: 0, human: 0 } },
      "spec",
    );
    return { status: "succeeded", problem: null };
  }
  current = { ...current, lastProblem: `Round ${current.rounds}: ${problem}` };
  state = { ...state, current };
  await appendEvent(ctx.db, {
    type: "package.resolve_round_failed",
    runId: snapshot.run.id,
    workPackageId: pkg.id,
    payload: { wpId: pkg.wpId, round: current.rounds, problem },
  });
  if (mayStartRound(current, snapshot.options.resolveRounds)) {
    await movePackage(ctx.db, pkg, "resolving", {
      conflict: json(state),
      statusReason: `${current.lastProblem}. ${roundNote(current, snapshot.options.resolveRounds)}`,
    });
  } else {
    await withRepoLock(repo, () => askPerson(ctx, snapshot, pkg, state, worktree));
  }
  return { status: "failed", problem };
}

/**
 * The merge of an agent's resolution failed the test gate (the integration worktree is already
 * back at its pre-merge commit): the resolution is undone and counts as a round. Runs inside the
 * repository lock. Returns null when the package's conflict was not resolved by an agent (the
 * ordinary test failure applies), else where the package went.
 */
export async function undoFailedResolution(
  ctx: EngineContext,
  snapshot: RunSnapshot,
  pkg: Pkg,
  why: string,
  testOutput: string,
): Promise<"resolving" | "conflicted" | null> {
  let state = parseConflictState(pkg.conflict);
  const open = state.current;
  if (!open || open.phase !== "resolved" || open.by !== "agent") return null;
  const worktree = await packageWorktree(ctx, snapshot, pkg);
  // Recorded before git changes anything: the undo itself happens when the worktree is prepared
  // for the next round (or for a person), so a crash in between loses nothing.
  const tail = testOutput.trim().split("\n").slice(-30).join("\n");
  const current: OpenConflict = {
    ...open,
    phase: "resolving",
    by: null,
    undoPending: true,
    lastProblem: `Round ${open.rounds}: after merging the resolution, ${why}; it was undone.${tail ? `\n\nThe test output ended with:\n\n${tail}` : ""}`,
  };
  state = { ...state, current };
  await appendEvent(ctx.db, {
    type: "package.resolve_round_failed",
    runId: snapshot.run.id,
    workPackageId: pkg.id,
    payload: { wpId: pkg.wpId, round: open.rounds, problem: `the tests failed after merging it: ${why}` },
  });
  if (mayStartRound(current, snapshot.options.resolveRounds)) {
    await movePackage(ctx.db, pkg, "resolving", {
      conflict: json(state),
      preMergeCommit: null,
      statusReason: `The resolution failed the tests and was undone. ${roundNote(current, snapshot.options.resolveRounds)}`,
    });
    return "resolving";
  }
  await askPerson(ctx, snapshot, pkg, state, worktree);
  return "conflicted";
}
