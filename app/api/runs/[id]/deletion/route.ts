import { previewRunDeletion } from "@/lib/server/engine/commands/delete-run";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { query } from "@/lib/server/http/json-route";

/** GET /api/runs/:id/deletion: what deleting the run would remove and keep (nothing is touched). */
export const GET = query(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(await previewRunDeletion(engineHost().ctx, id));
});
