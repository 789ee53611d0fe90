import { notFound } from "next/navigation";
import { connection } from "next/server";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { runGit } from "@/lib/node/git/run-git";
import { db } from "@/lib/server/db/client";
import { SettingsForm } from "@/components/projects/settings-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Project settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await connection();
  const { projectId } = await params;
  const project = await db().project.findUnique({ where: { id: projectId } });
  if (!project) notFound();
  const agent = agentSettingsSchema.parse(JSON.parse(project.agentSettings || "{}"));
  const branches = (await runGit(project.repoPath, ["for-each-ref", "--format=%(refname:short)", "refs/heads"])).stdout.split("\n").filter((b) => b && !b.startsWith("flotilla/"));
  return (
    <>
      <PageHeader title={`Settings of ${project.name}`} back={{ href: "/", label: "Projects" }} subtitle={<>New runs use these settings; runs already started keep their own. <span className="font-mono">{project.repoPath}</span></>} />
      <SettingsForm
        projectId={project.id}
        branches={branches}
        values={{
          name: project.name, baseBranch: project.baseBranch, agent: project.agent, customCommand: agent.customCommand, model: agent.model ?? "",
          permissionMode: agent.permissionMode, sandbox: agent.sandbox, extraArgs: agent.extraArgs, testCommand: project.testCommand ?? "",
          setupCommand: project.setupCommand ?? "", copyFiles: (JSON.parse(project.copyFiles || "[]") as string[]).join(", "),
          concurrency: project.concurrency, staggerSeconds: project.staggerSeconds, timeoutSeconds: project.timeoutSeconds,
        }}
      />
    </>
  );
}
