import { renderReportMarkdown } from "@/lib/core/run/report";
import { db } from "@/lib/server/db/client";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { HttpError, query } from "@/lib/server/http/json-route";

/** GET /api/runs/:id/report?format=md|json: the results report as a download. */
export const GET = query(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (format !== "md" && format !== "json") throw new HttpError(400, 'format must be "md" or "json"');
  const report = await buildRunReport(db(), id);
  const name = `flotilla-report-${id}.${format}`;
  const body = format === "md" ? renderReportMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`;
  return new Response(body, {
    headers: {
      "content-type": format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
    },
  });
});
