import { notFound } from "next/navigation";
import { connection } from "next/server";
import { runGit } from "@/lib/node/git/run-git";
import { db } from "@/lib/server/db/client";
import { SettingsForm } from "@/components/projects/settings-form";
import { projectSettingsView } from "@/lib/server/projects/project-settings-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Project settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await connection();
  const { projectId } = await params;
  const project = await db().project.findUnique({ where: { id: projectId } });
  if (!project) notFound();
  const branches = (await runGit(project.repoPath, ["for-each-ref", "--format=%(refname:short)", "refs/heads"])).stdout
    .split("\n")
    .filter((b) => b && !b.startsWith("flotilla/"));
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
      <SettingsForm projectId={project.id} branches={branches} values={await projectSettingsView(db(), project.id)} />
    </>
  );
}
