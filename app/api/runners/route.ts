import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { listRunners } from "@/lib/server/runners/runners";

/** GET /api/runners: every machine that runs agents, its state and what it runs now (and the server's clock). */
export const GET = query(async () => {
  const now = new Date();
  return Response.json(
    { runners: await listRunners(db(), now), now: now.toISOString() },
    { headers: { "cache-control": "no-store" } },
  );
});
