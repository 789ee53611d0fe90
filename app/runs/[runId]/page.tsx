import { waveCapFor } from "@/lib/core/wbs/waves";
import { connection } from "next/server";
import { RunMonitor } from "@/components/monitor/run-monitor";
import { PlanEditor } from "@/components/plan/plan-editor";
import { db } from "@/lib/server/db/client";
import { loadRunSnapshot, toWorkBreakdown } from "@/lib/server/engine/state/run-snapshot";
import { getRunState } from "@/lib/server/runs/get-run-state";
import { forecastInputs } from "@/lib/server/plan/shared-files";

export const metadata = { title: "Run" };

export default async function RunPage({
  params,
  searchParams,
}: {
  params: Promise<{ runId: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  await connection();
  const { runId } = await params;
  const { notice } = await searchParams;
  const snapshot = await loadRunSnapshot(db(), runId);
  if (snapshot.run.status === "planned") {
    return (
      <PlanEditor
        runId={runId}
        initialWbs={toWorkBreakdown(snapshot)}
        waveCap={waveCapFor(snapshot.options.concurrency)}
        concurrency={snapshot.options.concurrency}
        staggerSeconds={snapshot.options.staggerSeconds}
        notice={notice?.slice(0, 1500)}
        testCommand={snapshot.options.testCommand}
        forecast={await forecastInputs(snapshot.run.project.repoPath, snapshot.options.baseBranch).catch(
          () => undefined,
        )}
      />
    );
  }
  return <RunMonitor runId={runId} initial={await getRunState(db(), runId)} />;
}
