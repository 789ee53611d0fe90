import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { db } from "@/lib/server/db/client";
import { DeleteRunButton } from "@/components/projects/delete-run-button";
import { RunTabs } from "@/components/runs/run-tabs";
import { PageHeader } from "@/components/ui/page-header";

export default async function RunLayout({
  params,
  children,
}: {
  params: Promise<{ runId: string }>;
  children: ReactNode;
}) {
  await connection();
  const { runId } = await params;
  const run = await db().run.findUnique({ where: { id: runId }, include: { project: { select: { name: true } } } });
  if (!run) notFound();
  return (
    <>
      <PageHeader
        title={run.task.length > 120 ? `${run.task.slice(0, 117)}…` : run.task}
        back={{ href: "/", label: "Projects" }}
        subtitle={
          <>
            Run <span className="font-mono">{run.slug}</span> on {run.project.name}
          </>
        }
      >
        <DeleteRunButton runId={run.id} slug={run.slug} returnHome />
      </PageHeader>
      <RunTabs runId={run.id} planned={run.status === "planned"} />
      {children}
    </>
  );
}
