import { db } from "@/lib/server/db/client";
import { HttpError, query } from "@/lib/server/http/json-route";
import { UserError } from "@/lib/server/errors";
import { readAttemptLog } from "@/lib/server/runs/read-attempt-log";
import { maskText } from "@/lib/node/secrets";

/** GET /api/runs/:id/work-packages/:wp/log?offset=N[&attempt=K]: the agent log from a byte offset. */
export const GET = query(async (request: Request, { params }: { params: Promise<{ id: string; wp: string }> }) => {
  const { id, wp } = await params;
  const url = new URL(request.url);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const attemptParam = url.searchParams.get("attempt");
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new HttpError(400, "offset must be a whole number of bytes, 0 or more");
  if (attemptParam !== null && !/^\d{1,4}$/.test(attemptParam)) throw new HttpError(400, "attempt must be a number");
  const pkg = await db().workPackage.findUnique({
    where: { runId_wpId: { runId: id, wpId: wp } },
    include: { attempts: { orderBy: { number: "desc" } } },
  });
  if (!pkg) throw new UserError(`There is no package ${wp} in this run`, "not_found");
  const attempt =
    attemptParam === null
      ? pkg.attempts.find((a) => a.role === "implement")
      : pkg.attempts.find((a) => a.number === Number(attemptParam));
  if (!attempt) return Response.json({ text: "", offset: 0, nextOffset: 0, size: 0, attempt: null });
  // The path comes from the database, never from the request.
  const chunk = await readAttemptLog(db(), attempt, offset);
  return Response.json(
    { ...chunk, text: maskText(chunk.text), attempt: attempt.number },
    { headers: { "cache-control": "no-store" } },
  );
});
