"use server";
import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { savePlan } from "@/lib/server/engine/commands/save-plan";
import { parsePlanField } from "./plan-field";
import { formAction } from "./safe-action";

const savePlanInput = z.object({
  runId: z.string().max(64),
  wbs: z.string().max(1_000_000, "The plan is larger than 1 MB"),
});

/** Plan editor: save the edited plan (problems are listed, not refused). */
export const savePlanAction = formAction(savePlanInput, async ({ runId, wbs }) => {
  const validation = await savePlan(db(), runId, parsePlanField(wbs));
  return validation.ok ? "Plan saved" : `Plan saved with ${validation.errors.length} problem(s) to fix before launch`;
});
