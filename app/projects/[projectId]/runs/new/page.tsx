import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { AGENT_KINDS, agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { checkAgent } from "@/lib/node/agents/agent-availability";
import { db } from "@/lib/server/db/client";
import { NewRunForm, type AgentOption } from "@/components/runs/new-run-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "New run" };

export default async function NewRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ task?: string }>;
}) {
  await connection();
  const { projectId } = await params;
  const { task } = await searchParams;
  const project = await db().project.findUnique({ where: { id: projectId } });
  if (!project) notFound();
  const settings = agentSettingsSchema.parse(JSON.parse(project.agentSettings || "{}"));
  const agents: AgentOption[] = await Promise.all(
    AGENT_KINDS.map(async (kind) => {
      const availability = await checkAgent(kind, settings);
      const note =
        (kind === "custom" || kind === "acp") && !settings.customCommand
          ? "set a command in the settings"
          : availability.available
            ? [availability.version, availability.note].filter(Boolean).join("; ")
            : availability.program && availability.message.includes("as root")
              ? "refuses to run as root with these settings: see Settings"
              : "not installed";
      return { kind, label: AGENTS[kind].label, available: availability.available, note };
    }),
  );
  return (
    <>
      <PageHeader
        title="New run"
        back={{ href: "/", label: "Projects" }}
        subtitle={
          <>
            On <span className="font-medium">{project.name}</span> (
            <span className="font-mono">{project.repoPath}</span>), from{" "}
            <span className="font-mono">{project.baseBranch}</span>
          </>
        }
      />
      <NewRunForm
        projectId={project.id}
        agents={agents}
        defaultAgent={agents.find((a) => a.kind === project.agent)?.available ? project.agent : "demo"}
        initialTask={(task ?? "").slice(0, 20000)}
        defaultBudget={project.budgetUsd === null ? "" : String(project.budgetUsd)}
        defaultReview={project.reviewMode}
      />
    </>
  );
}
