// The test gate: the integration worktree is prepared like a package's (files copied, set-up
// run once), the test command runs once on the base commit as the baseline, and after each merge
// only new failures block.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { splitCommandLine } from "@/lib/core/run/command-line";
import { judgeAgainstBaseline, parseTestFailures, type GateVerdict } from "@/lib/core/run/test-failures";
import { copyIntoWorktree } from "@/lib/node/files/copy-into-worktree";
import { runCommand } from "@/lib/node/process/run-command";
import { maskText } from "@/lib/node/secrets";
import { appendEvent } from "@/lib/server/events/append-event";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { runPaths } from "@/lib/server/engine/state/run-paths";
import type { RunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export interface TestResult {
  exitCode: number | null;
  failures: string[] | null;
  output: string;
  timedOut: boolean;
}

export class GateError extends Error {}

/** Copies the files (every time: a reset removes them) and runs the set-up command once. */
export async function prepareIntegration(ctx: EngineContext, snapshot: RunSnapshot): Promise<void> {
  const { options, run } = snapshot;
  const paths = runPaths(ctx.dataDir, run.id);
  await copyIntoWorktree(run.project.repoPath, paths.integration, options.copyFiles);
  const marker = path.join(paths.runDir, "integration-setup.done");
  if (!options.setupCommand || existsSync(marker)) return;
  const argv = splitCommandLine(options.setupCommand);
  if (!argv.ok) throw new GateError(`Set-up command: ${argv.message}`);
  const result = await runCommand(argv.argv, { cwd: paths.integration, timeoutMs: options.setupTimeoutSeconds * 1000 });
  await writeFile(path.join(paths.runDir, "integration-setup.log"), result.output);
  if (!result.ok)
    throw new GateError(
      `The set-up command failed in the integration worktree (exit code ${result.exitCode ?? "none"}):\n${maskText(result.output.slice(-1500))}`,
    );
  await writeFile(marker, new Date().toISOString());
}

export async function runTests(snapshot: RunSnapshot, cwd: string): Promise<TestResult> {
  const argv = splitCommandLine(snapshot.options.testCommand ?? "");
  if (!argv.ok) return { exitCode: null, failures: null, output: argv.message, timedOut: false };
  const result = await runCommand(argv.argv, { cwd, timeoutMs: snapshot.options.testTimeoutSeconds * 1000 });
  const output = maskText(result.output);
  return {
    exitCode: result.timedOut ? null : result.exitCode,
    failures: result.timedOut ? null : parseTestFailures(result.output, result.exitCode),
    output,
    timedOut: result.timedOut,
  };
}

export interface Baseline {
  exitCode: number | null;
  failures: string[] | null;
  output: string;
}

export function readBaseline(snapshot: RunSnapshot): Baseline | null {
  return snapshot.run.testBaseline ? (JSON.parse(snapshot.run.testBaseline) as Baseline) : null;
}

/**
 * Takes the baseline on the base commit, once per run. Returns a reason to stop when the base is
 * red and its failures cannot be told apart (every merge would look broken).
 */
export async function ensureBaseline(ctx: EngineContext, snapshot: RunSnapshot): Promise<string | null> {
  const { options, run } = snapshot;
  if (!options.testCommand || options.testGate === "off" || run.testBaseline) return null;
  await prepareIntegration(ctx, snapshot);
  const result = await runTests(snapshot, runPaths(ctx.dataDir, run.id).integration);
  const baseline: Baseline = {
    exitCode: result.exitCode,
    failures: result.failures,
    output: result.output.slice(-4000),
  };
  await ctx.db.run.update({ where: { id: run.id }, data: { testBaseline: JSON.stringify(baseline) } });
  await appendEvent(ctx.db, {
    type: "run.test_baseline",
    runId: run.id,
    payload: { exitCode: baseline.exitCode, failures: baseline.failures?.length ?? null },
  });
  if (baseline.exitCode !== 0 && baseline.failures === null) {
    return `The tests already fail on ${options.baseBranch}, and their failures cannot be told apart, so no merge could be judged. Fix the base first, or run without the test gate (--no-test-gate, or untick the gate before launch).`;
  }
  return null;
}

/** Runs the tests after a merge and judges them against the baseline. */
export async function gateMerge(
  ctx: EngineContext,
  snapshot: RunSnapshot,
): Promise<{ verdict: GateVerdict; result: TestResult }> {
  await prepareIntegration(ctx, snapshot);
  const result = await runTests(snapshot, runPaths(ctx.dataDir, snapshot.run.id).integration);
  if (snapshot.options.testGate === "off") {
    return {
      verdict: { pass: true, note: result.exitCode === 0 ? null : "tests fail, but the test gate is off for this run" },
      result,
    };
  }
  if (result.timedOut) return { verdict: { pass: false, reason: "the tests timed out", newFailures: null }, result };
  const baseline = readBaseline(snapshot);
  return { verdict: judgeAgainstBaseline(result, baseline), result };
}
