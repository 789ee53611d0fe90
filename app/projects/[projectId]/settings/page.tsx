import { notFound } from "next/navigation";
import { testCommandProposal } from "@/lib/server/projects/test-command-proposal";
import { listBranches } from "@/lib/node/git/git-ops";
import { connection } from "next/server";
import { db } from "@/lib/server/db/client";
import { SettingsForm } from "@/components/projects/settings-form";
import { projectSettingsView } from "@/lib/server/projects/project-settings-view";
import { PageHeader } from "@/components/ui/page-header";
import { admissionDefaults } from "@/lib/core/run/admission";
import { machineLoad } from "@/lib/node/process/machine-load";
import { listRemotes } from "@/lib/node/git/remote-ops";
import { WebhookStatus } from "@/components/projects/webhook-status";
import { webhookStatuses } from "@/lib/server/webhooks/webhook-status";

export const metadata = { title: "Project settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await connection();
  const { projectId } = await params;
  const project = await db().project.findUnique({ where: { id: projectId } });
  if (!project) notFound();
  const branches = (await listBranches(project.repoPath).catch(() => [])).filter((b) => !b.startsWith("flotilla/"));
  const machine = machineLoad();
  const admission = { ...admissionDefaults(machine), cores: machine.cores, totalMemoryMb: machine.totalMemoryMb };
  return (
    <>
      <PageHeader
        title={`Settings of ${project.name}`}
        back={{ href: "/", label: "Projects" }}
        subtitle={
          <>
            New runs use these settings; runs already started keep their own.{" "}
            <span className="font-mono">{project.repoPath}</span>
          </>
        }
      />
      <SettingsForm
        projectId={project.id}
        branches={branches}
        values={await projectSettingsView(db(), project.id)}
        admission={admission}
        remotes={await listRemotes(project.repoPath)}
        testCommandProposal={project.testCommand ? null : await testCommandProposal(project.repoPath)}
      />
      <WebhookStatus projectId={project.id} initial={await webhookStatuses(db(), project.id)} />
    </>
  );
}
