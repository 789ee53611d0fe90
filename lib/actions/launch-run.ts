"use server";
import { z } from "zod";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { disableTestGate, launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { savePlan } from "@/lib/server/engine/commands/save-plan";
import { UserError } from "@/lib/server/errors";
import { formAction } from "./safe-action";
import { parsePlanField } from "./plan-field";

const launchInput = z.object({
  runId: z.string().max(64),
  wbs: z.string().max(1_000_000, "The plan is larger than 1 MB"),
  acceptWarnings: z.string().optional(),
  withoutTestGate: z.string().optional(),
});

/** Plan editor: save the plan, then launch the run (refused while the plan has errors). */
export const launchRunAction = formAction(launchInput, async ({ runId, wbs, acceptWarnings, withoutTestGate }) => {
  const host = engineHost();
  const validation = await savePlan(host.ctx.db, runId, parsePlanField(wbs));
  if (!validation.ok)
    throw new UserError(
      `Fix ${validation.errors.length} problem(s) first: ${validation.errors.map((e) => e.message).join("; ")}`,
    );
  const overlaps = validation.warnings.filter((w) => w.code === "output-overlap");
  if (overlaps.length > 0 && acceptWarnings !== "on")
    throw new UserError(
      "Two packages claim the same file: accept the overlap (tick the box) or give the file to one package",
    );
  if (withoutTestGate === "on") await disableTestGate(host.ctx.db, runId);
  await launchRun(host.ctx, runId);
  host.kick(runId);
  return { message: "Launched", redirectTo: `/runs/${runId}` };
});
