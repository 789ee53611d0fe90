// flotilla status | retry | resume | cancel | report: operations on an existing run.
import { renderReportMarkdown } from "@/lib/core/run/report";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { cancelPackage, requestRunCancel } from "@/lib/server/engine/commands/cancel";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { reopenRun, retryPackage } from "@/lib/server/engine/commands/retry-package";
import { changeRunBudget } from "@/lib/server/engine/commands/run-budget";
import { numberOption, parseCommandArgs, required } from "../cli-args";
import { driveFromCli, findRunId } from "../cli-engine";
import { EXIT } from "../cli-error";
import { runJson, runTable } from "../present-run";

export async function printRun(ctx: EngineContext, runId: string, json: boolean): Promise<number> {
  const report = await buildRunReport(ctx.db, runId);
  process.stdout.write(`${json ? JSON.stringify(runJson(report)) : runTable(report)}\n`);
  if (report.status === "running") return EXIT.notMerged;
  return report.status === "completed" ? EXIT.ok : EXIT.notMerged;
}

export async function statusCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("status", argv, { run: { type: "string" }, json: { type: "boolean", default: false } });
  const runId = await findRunId(ctx, required("status", "run", args.run));
  await printRun(ctx, runId, args.json);
  return EXIT.ok;
}

export async function retryCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("retry", argv, {
    run: { type: "string" },
    wp: { type: "string" },
    "resume-session": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  });
  const runId = await findRunId(ctx, required("retry", "run", args.run));
  await retryPackage(ctx, runId, required("retry", "wp", args.wp), { resumeSession: args["resume-session"] });
  await driveFromCli(ctx, runId);
  return printRun(ctx, runId, args.json);
}

export async function resumeCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("resume", argv, {
    run: { type: "string" },
    budget: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const runId = await findRunId(ctx, required("resume", "run", args.run));
  const budget =
    args.budget === undefined
      ? undefined
      : args.budget.trim() === "none"
        ? null
        : numberOption("budget", args.budget, 0.01, 100_000);
  if (budget !== undefined) await changeRunBudget(ctx, runId, budget);
  const run = await ctx.db.run.findUniqueOrThrow({ where: { id: runId } });
  if (run.status === "planned") await launchRun(ctx, runId);
  const again = await reopenRun(ctx, runId);
  if (again.length > 0)
    process.stderr.write(`Starting ${again.join(", ")} again with a fresh attempt (merged packages are kept).\n`);
  await driveFromCli(ctx, runId);
  return printRun(ctx, runId, args.json);
}

export async function cancelCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("cancel", argv, { run: { type: "string" }, wp: { type: "string" } });
  const runId = await findRunId(ctx, required("cancel", "run", args.run));
  if (args.wp) {
    await cancelPackage(ctx, runId, args.wp);
    process.stdout.write(`Asked ${args.wp} to stop.\n`);
    return EXIT.ok;
  }
  await requestRunCancel(ctx, runId);
  const status = await driveFromCli(ctx, runId);
  process.stdout.write(`Run ${runId}: ${status}\n`);
  return EXIT.ok;
}

export async function reportCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("report", argv, { run: { type: "string" }, json: { type: "boolean", default: false } });
  const runId = await findRunId(ctx, required("report", "run", args.run));
  const report = await buildRunReport(ctx.db, runId);
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReportMarkdown(report));
  return EXIT.ok;
}
