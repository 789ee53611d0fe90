"use server";
import { z } from "zod";
import { engineHost } from "@/lib/server/engine/hosting/engine-host";
import { checkBaseTests } from "@/lib/server/runs/check-base-tests";
import { formAction } from "./safe-action";

/** Plan page: how the tests fare on the base branch, before launch. */
export const checkBaseAction = formAction(z.object({ runId: z.string().max(64) }), async ({ runId }) => {
  const { ctx } = engineHost();
  const check = await checkBaseTests(ctx.db, ctx.dataDir, runId);
  if (!check.configured)
    return "This project has no test command: merges are not tested. Set one in the project's settings.";
  if (check.exitCode === 0) return "green: The tests pass on the base. Any failure after a merge will undo that merge.";
  if (check.failures)
    return `known: The tests already fail on the base (${check.failures.length}: ${check.failures.slice(0, 5).join(", ")}). Only new failures will undo a merge.`;
  return "unknown: The tests already fail on the base, and their failures cannot be told apart. Fix the base first, or run without the test gate.";
});
