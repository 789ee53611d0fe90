// flotilla status | retry | resume | cancel | report: operations on an existing run.
import { renderReportMarkdown } from "@/lib/core/run/report";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { cancelPackage, requestRunCancel } from "@/lib/server/engine/commands/cancel";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { reopenRun, retryPackage } from "@/lib/server/engine/commands/retry-package";
import { changePackageCap, changeRunBudget } from "@/lib/server/engine/commands/run-budget";
import { numberOption, parseCommandArgs, required } from "../cli-args";
import { driveFromCli, findRunId } from "../cli-engine";
import { EXIT } from "../cli-error";
import { runJson, runTable } from "../present-run";
import { describeDelivery } from "@/lib/core/delivery/describe-delivery";
import { readDelivery } from "@/lib/server/delivery/delivery-view";

/** The run as the CLI shows it, with where it was delivered once it was (pushed, pull request, last error). */
export async function renderRun(ctx: EngineContext, runId: string, json: boolean) {
  const report = await buildRunReport(ctx.db, runId);
  const delivery = await readDelivery(ctx.db, runId);
  const delivered = delivery.pushedCommit !== null || delivery.lastError !== null;
  const text = json
    ? JSON.stringify({ ...runJson(report), delivery: delivered ? delivery : null })
    : `${runTable(report)}${delivered ? `\n${describeDelivery(delivery).join("\n")}` : ""}`;
  return { report, text };
}

export async function printRun(ctx: EngineContext, runId: string, json: boolean): Promise<number> {
  const { report, text } = await renderRun(ctx, runId, json);
  process.stdout.write(`${text}\n`);
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
    "package-budget": { type: "string" },
    json: { type: "boolean", default: false },
  });
  const runId = await findRunId(ctx, required("resume", "run", args.run));
  const cap = args["package-budget"];
  const packageCap =
    cap === undefined ? undefined : cap.trim() === "none" ? null : numberOption("package-budget", cap, 0.01, 100_000);
  const budget =
    args.budget === undefined
      ? undefined
      : args.budget.trim() === "none"
        ? null
        : numberOption("budget", args.budget, 0.01, 100_000);
  if (budget !== undefined) await changeRunBudget(ctx, runId, budget);
  if (packageCap !== undefined) {
    const on = await changePackageCap(ctx, runId, packageCap);
    if (on.length > 0)
      process.stderr.write(`${on.join(", ")} ${on.length === 1 ? "goes" : "go"} on under the new cap.
`);
  }
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
