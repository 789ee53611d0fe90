"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectSettingsSchema } from "@/lib/core/projects/project-settings";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { createDemoProject, DEMO_TASK } from "@/lib/server/projects/create-demo-project";
import { updateProjectSettings } from "@/lib/server/projects/update-project-settings";
import { formAction } from "./safe-action";

/** Home: make a sample repository and project, then open its new-run form. */
export const tryDemoAction = formAction(z.object({}), async () => {
  const { ctx } = engineHost();
  const project = await createDemoProject(ctx.db, ctx.dataDir);
  revalidatePath("/");
  return {
    message: `Opened ${project.name}`,
    redirectTo: `/projects/${project.id}/runs/new?task=${encodeURIComponent(DEMO_TASK)}`,
  };
});

/** Settings: save a project's settings (new runs use them; running runs keep theirs). */
export const updateProjectSettingsAction = formAction(
  projectSettingsSchema.and(z.object({ projectId: z.string().max(64) })),
  async (input) => {
    const { ctx } = engineHost();
    const project = await updateProjectSettings(ctx.db, input.projectId, input);
    revalidatePath("/");
    revalidatePath(`/projects/${input.projectId}/settings`);
    return `Saved the settings of ${project.name}; new runs will use them`;
  },
);
