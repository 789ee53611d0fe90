import { connection } from "next/server";
import { RunnerList } from "@/components/runners/runner-list";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/server/db/client";
import { listRunners } from "@/lib/server/runners/runners";

export const metadata = { title: "Runners" };

export default async function RunnersPage() {
  await connection();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Runners"
        back={{ href: "/", label: "Projects" }}
        subtitle="The machines that run agents: each one's agents, capacity, what it runs now and its last heartbeat."
      />
      <RunnerList initial={{ runners: await listRunners(db(), now), now: now.toISOString() }} />
    </>
  );
}
