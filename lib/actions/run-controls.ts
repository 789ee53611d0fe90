"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { cancelPackage, requestRunCancel } from "@/lib/server/engine/commands/cancel";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { budgetUsdField, packageCapField } from "@/lib/core/projects/project-settings";
import { retryFailed, retryPackage } from "@/lib/server/engine/commands/retry-package";
import { changePackageCap, changeRunBudget } from "@/lib/server/engine/commands/run-budget";
import { approvePackage, rejectPackage } from "@/lib/server/engine/commands/human-review";
import { RESOLVE_ACTIONS, resolveConflict } from "@/lib/server/engine/commands/resolve-conflict";
import { mergeRunIntoBase } from "@/lib/server/runs/merge-into-base";
import { formAction } from "./safe-action";

const runInput = z.object({ runId: z.string().max(64) });
const packageInput = runInput.extend({ wpId: z.string().max(40) });

/** Monitor: a new attempt for a package that did not merge, fresh or continuing its session. */
export const retryWorkPackageAction = formAction(
  packageInput.extend({ resumeSession: z.string().optional() }),
  async ({ runId, wpId, resumeSession }) => {
    const host = engineHost();
    await retryPackage(host.ctx, runId, wpId, { resumeSession: resumeSession === "on" });
    host.kick(runId);
    return resumeSession === "on" ? `Retrying ${wpId}, continuing its session` : `Retrying ${wpId}`;
  },
);

const RESOLVED_MESSAGES = {
  agent: (wpId: string) => `Another agent round on ${wpId}'s conflict`,
  fresh: (wpId: string) => `Retrying ${wpId} fresh on the feature branch as it is now`,
  done: (wpId: string) => `Your resolution of ${wpId} is committed; it goes to the merge train`,
} as const;

/** Monitor: a person's answer to a conflict the agent could not resolve. */
export const resolveConflictAction = formAction(
  packageInput.extend({ action: z.enum(RESOLVE_ACTIONS) }),
  async ({ runId, wpId, action }) => {
    const host = engineHost();
    await resolveConflict(host.ctx, runId, wpId, action);
    host.kick(runId);
    return RESOLVED_MESSAGES[action](wpId);
  },
);

/** Monitor: a new attempt for every package that stopped without merging. */
export const retryFailedAction = formAction(runInput, async ({ runId }) => {
  const host = engineHost();
  const retried = await retryFailed(host.ctx, runId);
  host.kick(runId);
  return `Retrying ${retried.join(", ")}`;
});

/** Monitor: change the run's budget (blank: no limit); a run its budget stopped goes on. */
export const changeRunBudgetAction = formAction(
  runInput.extend({ budgetUsd: budgetUsdField }),
  async ({ runId, budgetUsd }) => {
    const host = engineHost();
    await changeRunBudget(host.ctx, runId, budgetUsd);
    host.kick(runId);
    return budgetUsd === null ? "No budget limit now" : `Budget set to $${budgetUsd.toFixed(2)}`;
  },
);

/** Monitor: change the run's cap per package (blank: no cap); packages the old cap stopped are retried. */
export const changePackageCapAction = formAction(
  runInput.extend({ packageBudgetUsd: packageCapField }),
  async ({ runId, packageBudgetUsd }) => {
    const host = engineHost();
    const retried = await changePackageCap(host.ctx, runId, packageBudgetUsd);
    host.kick(runId);
    const cap =
      packageBudgetUsd === null ? "No cap per package now" : `Cap per package set to $${packageBudgetUsd.toFixed(2)}`;
    return retried.length > 0 ? `${cap}; ${retried.join(", ")} ${retried.length === 1 ? "goes" : "go"} on` : cap;
  },
);

/** Monitor: stop one package. */
export const cancelWorkPackageAction = formAction(packageInput, async ({ runId, wpId }) => {
  const host = engineHost();
  await cancelPackage(host.ctx, runId, wpId);
  host.kick(runId);
  return `Stopping ${wpId}`;
});

/** Monitor: stop the whole run. */
export const cancelRunAction = formAction(runInput, async ({ runId }) => {
  const host = engineHost();
  await requestRunCancel(host.ctx, runId);
  host.kick(runId);
  return "Stopping every agent of this run";
});

/** Review: merge the completed run's feature branch into its base branch. */
export const mergeIntoBaseAction = formAction(runInput, async ({ runId }) => {
  const { ctx } = engineHost();
  const { commit, base } = await mergeRunIntoBase(ctx.db, ctx.dataDir, runId);
  revalidatePath(`/runs/${runId}/review`);
  return `Merged into ${base} (${commit.slice(0, 10)})`;
});

/** Monitor: a person approves a package waiting for approval. */
export const approveWorkPackageAction = formAction(packageInput, async ({ runId, wpId }) => {
  const host = engineHost();
  await approvePackage(host.ctx, runId, wpId);
  host.kick(runId);
  return `Approved ${wpId}`;
});

/** Monitor: a person rejects a package; the comment is the agent's next instructions. */
export const rejectWorkPackageAction = formAction(
  packageInput.extend({ comment: z.string({ error: "Say what to change" }).max(20_000) }),
  async ({ runId, wpId, comment }) => {
    const host = engineHost();
    await rejectPackage(host.ctx, runId, wpId, comment);
    host.kick(runId);
    return `Sent ${wpId} back to its agent`;
  },
);
