// flotilla resolve --run ID --wp WP-N [--agent|--fresh|--done]: a person's answer to a package
// that is conflicted after the agent's rounds; then the run is driven until it settles.
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { resolveConflict, type ResolveAction } from "@/lib/server/engine/commands/resolve-conflict";
import { parseCommandArgs, required } from "../cli-args";
import { driveFromCli, findRunId } from "../cli-engine";
import { CliUsageError } from "../cli-error";
import { printRun } from "./manage";

export async function resolveCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("resolve", argv, {
    run: { type: "string" },
    wp: { type: "string" },
    agent: { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    done: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  });
  const chosen = (["agent", "fresh", "done"] as const).filter((a) => args[a]);
  if (chosen.length !== 1)
    throw new CliUsageError(
      `resolve: choose one of --agent (one more agent round), --fresh (retry it from scratch on the feature branch as it is now) or --done (you resolved it in its worktree)${chosen.length > 1 ? `, not ${chosen.map((c) => `--${c}`).join(" and ")}` : ""}`,
    );
  const runId = await findRunId(ctx, required("resolve", "run", args.run));
  const wpId = required("resolve", "wp", args.wp);
  const action: ResolveAction = chosen[0];
  await resolveConflict(ctx, runId, wpId, action);
  await driveFromCli(ctx, runId);
  return printRun(ctx, runId, args.json);
}
