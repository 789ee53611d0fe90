"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { describeDeletedRun } from "@/lib/core/run/run-deletion";
import { deleteRun } from "@/lib/server/engine/commands/delete-run";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { formAction } from "./safe-action";

const deleteRunInput = z.object({
  runId: z.string({ error: "No run was given" }).max(64),
  /** Set on the run's own page: it is gone afterwards, so go home. */
  returnHome: z.enum(["yes"]).optional(),
});

/** Home or the run's page: delete a run that is not running (worktrees, branches, files, rows). */
export const deleteRunAction = formAction(deleteRunInput, async ({ runId, returnHome }) => {
  const result = await deleteRun(engineHost().ctx, runId);
  revalidatePath("/");
  return { message: describeDeletedRun(result), ...(returnHome ? { redirectTo: "/" } : {}) };
});
