"use server";
// Report and monitor: Push a completed run's feature branch, or Open a pull request (which
// pushes first). The pages show the stored record: revalidated whether it worked or not.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deliverRun } from "@/lib/server/delivery/deliver-run";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { formAction } from "./safe-action";

const deliverInput = z.object({ runId: z.string().max(64), mode: z.enum(["push", "pr"]) });

export const deliverRunAction = formAction(deliverInput, async ({ runId, mode }) => {
  const host = engineHost();
  try {
    const record = await deliverRun(host.ctx.db, runId, { push: true, pr: mode === "pr" });
    const pushed = `Pushed ${record.pushedCommit?.slice(0, 12) ?? ""} to ${record.remote ?? "the remote"}`;
    if (mode === "push") return pushed;
    if (record.pullRequest)
      return record.pullRequest.reused ? "The pull request was already open" : "Opened the pull request";
    return `${pushed}; open the pull request yourself (see below)`;
  } finally {
    host.ctx.notify(runId);
    revalidatePath(`/runs/${runId}`, "layout");
  }
});
