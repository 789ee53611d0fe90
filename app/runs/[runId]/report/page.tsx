import { connection } from "next/server";
import { ReportView } from "@/components/report/report-view";
import { DeliveryPanel } from "@/components/report/delivery-panel";
import { db } from "@/lib/server/db/client";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { readDelivery } from "@/lib/server/delivery/delivery-view";

export const metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ runId: string }> }) {
  await connection();
  const { runId } = await params;
  const report = await buildRunReport(db(), runId);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="mr-auto text-sm text-zinc-600 dark:text-zinc-400">
          {report.status}
          {report.statusReason ? `: ${report.statusReason}` : ""} · feature branch{" "}
          <span className="font-mono">{report.featureBranch ?? "none"}</span> from{" "}
          <span className="font-mono">{report.baseBranch}</span>
        </p>
        <a
          href={`/api/runs/${runId}/report?format=md`}
          download
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Download Markdown
        </a>
        <a
          href={`/api/runs/${runId}/report?format=json`}
          download
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Download JSON
        </a>
      </div>
      {report.status === "completed" && (
        <DeliveryPanel runId={runId} featureBranch={report.featureBranch} delivery={await readDelivery(db(), runId)} />
      )}
      <ReportView report={report} />
    </div>
  );
}
