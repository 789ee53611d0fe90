"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { removeProject } from "@/lib/server/projects/remove-project";
import { formAction } from "./safe-action";

const removeProjectInput = z.object({ projectId: z.string({ error: "No project was given" }).max(64) });

export const removeProjectAction = formAction(removeProjectInput, async ({ projectId }) => {
  const project = await removeProject(db(), projectId);
  revalidatePath("/");
  return `Removed ${project.name} from Flotilla (the repository itself is untouched)`;
});
