import { connection } from "next/server";
import { ReviewView } from "@/components/review/review-view";
import { db } from "@/lib/server/db/client";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export const metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ runId: string }> }) {
  await connection();
  const { runId } = await params;
  const { run, packages, options } = await loadRunSnapshot(db(), runId);
  return (
    <ReviewView
      runId={runId}
      status={run.status}
      baseBranch={options.baseBranch}
      featureBranch={run.featureBranch}
      packages={packages.map((p) => ({ wpId: p.wpId, name: p.name, status: p.status }))}
    />
  );
}
