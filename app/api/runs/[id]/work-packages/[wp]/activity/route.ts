import { runOptionsSchema } from "@/lib/core/run/run-options";
import { db } from "@/lib/server/db/client";
import { HttpError, query } from "@/lib/server/http/json-route";
import { UserError } from "@/lib/server/errors";
import { hasActivityFeed, readActivity } from "@/lib/server/runs/read-activity";

/**
 * GET /api/runs/:id/work-packages/:wp/activity[?attempt=K]: the agent's tool calls, messages and
 * retries (Claude Code), newest 500, for the latest attempt or attempt K, with its cost and tokens.
 */
export const GET = query(async (request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  const attemptParam = new URL(request.url).searchParams.get("attempt");
  if (attemptParam !== null && !/^\d{1,4}$/.test(attemptParam)) throw new HttpError(400, "attempt must be a number");
  const pkg = await db().workPackage.findUnique({
    where: { runId_wpId: { runId: id, wpId: wp } },
    include: { run: true, attempts: { orderBy: { number: "desc" } } },
  });
  if (!pkg) throw new UserError(`There is no package ${wp} in this run`, "not_found");
  const { agent } = runOptionsSchema.parse(JSON.parse(pkg.run.options));
  const attempt = attemptParam === null ? pkg.attempts[0] : pkg.attempts.find((a) => a.number === Number(attemptParam));
  if (attemptParam !== null && !attempt) throw new UserError(`${wp} has no attempt ${attemptParam}`, "not_found");
  const feed = await readActivity(agent, { dir: attempt?.dir ?? null, worktreePath: attempt?.worktreePath });
  return Response.json(
    {
      supported: hasActivityFeed(agent),
      attempt: attempt
        ? {
            number: attempt.number,
            role: attempt.role,
            status: attempt.status,
            costUsd: attempt.costUsd,
            inputTokens: attempt.inputTokens,
            outputTokens: attempt.outputTokens,
            sessionId: attempt.sessionId,
          }
        : null,
      ...feed,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
