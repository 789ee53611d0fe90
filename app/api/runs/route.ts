import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { refuseCommandLines, startRun, startRunInput } from "@/lib/server/engine/commands/start-run";
import { mutation, parseInput, readJsonBody } from "@/lib/server/http/json-route";

/** POST /api/runs: create a run from a WBS and launch it. */
export const POST = mutation(async (request: Request) => {
  const body = await readJsonBody(request);
  refuseCommandLines(body);
  const host = engineHost();
  const { run, warnings } = await startRun(host.ctx, parseInput(startRunInput, body));
  host.kick(run.id);
  const launched = await host.ctx.db.run.findUniqueOrThrow({ where: { id: run.id } });
  return Response.json(
    {
      runId: launched.id,
      status: launched.status,
      featureBranch: launched.featureBranch,
      warnings: warnings.map((w) => w.message),
    },
    { status: 201 },
  );
});
