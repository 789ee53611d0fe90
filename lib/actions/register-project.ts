"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { registerProject } from "@/lib/server/projects/register-project";
import { formAction } from "./safe-action";

const registerProjectInput = z.object({
  path: z
    .string({ error: "Enter the path of a git repository on this machine, e.g. /home/me/my-app" })
    .max(4096, "That path is longer than 4096 characters: check what was pasted"),
  name: z.string().trim().max(100, "Keep the name under 100 characters").optional(),
  baseBranch: z.string().trim().max(255, "A branch name is at most 255 characters").optional(),
});

export const registerProjectAction = formAction(registerProjectInput, async (input) => {
  const project = await registerProject(db(), input);
  revalidatePath("/");
  return `Registered ${project.name} (${project.repoPath}, base branch ${project.baseBranch})`;
});
