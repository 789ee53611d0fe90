"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { describeDeletedRun } from "@/lib/core/run/run-deletion";
import { deleteRun } from "@/lib/server/engine/commands/delete-run";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import type { ActionState } from "./action-state";
import { formAction } from "./safe-action";

const deleteRunInput = z.object({
  runId: z.string({ error: "No run was given" }).max(64),
  /** Set on the run's own page: it is gone afterwards, so go home. */
  returnHome: z.enum(["yes"]).optional(),
});

const deleteRunForm = formAction(deleteRunInput, async ({ runId }) => {
  const result = await deleteRun(engineHost().ctx, runId);
  revalidatePath("/");
  return describeDeletedRun(result);
});

/** Home or the run's page: delete a run that is not running (worktrees, branches, files, rows). */
export async function deleteRunAction(previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await deleteRunForm(previous, form);
  // From the run's own page, go home at once: re-rendering a page whose run is gone would show "not found".
  if (state.status === "ok" && form.get("returnHome") === "yes") redirect("/");
  return state;
}
