import { db } from "@/lib/server/db/client";
import { query } from "@/lib/server/http/json-route";
import { listAttention } from "@/lib/server/attention/list-attention";

/** GET /api/attention: what needs a person across all runs (and runs that just completed). */
export const GET = query(async () =>
  Response.json(await listAttention(db()), { headers: { "cache-control": "no-store" } }),
);
