// flotilla deliver --run ID [--push] [--pr] [--json]: pushes a completed run's feature branch to
// the project's remote and (--pr, which pushes first) opens a pull request with gh or glab, or
// prints the compare page. Exit 0 delivered, 1 the push or pull request failed, 2 bad input.
import { describeDelivery } from "@/lib/core/delivery/describe-delivery";
import { deliverRun, DeliveryFailedError } from "@/lib/server/delivery/deliver-run";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { parseCommandArgs, required } from "../cli-args";
import { findRunId } from "../cli-engine";
import { EXIT } from "../cli-error";

export async function deliverCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("deliver", argv, {
    run: { type: "string" },
    push: { type: "boolean", default: false },
    pr: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  });
  const runId = await findRunId(ctx, required("deliver", "run", args.run));
  // Without --push or --pr it pushes (the pull request is asked for by name).
  const push = args.push || !args.pr;
  try {
    const delivery = await deliverRun(ctx.db, runId, { push, pr: args.pr });
    process.stdout.write(
      args.json ? `${JSON.stringify({ runId, ok: true, delivery })}\n` : `${describeDelivery(delivery).join("\n")}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof DeliveryFailedError)) throw err;
    if (args.json)
      process.stdout.write(`${JSON.stringify({ runId, ok: false, error: err.message, delivery: err.delivery })}\n`);
    process.stderr.write(`flotilla deliver: ${err.message}\n`);
    return EXIT.notMerged;
  }
}
