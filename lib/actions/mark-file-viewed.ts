"use server";
import { z } from "zod";
import { scopeOf } from "@/lib/core/review/viewed-files";
import { WP_ID_PATTERN } from "@/lib/core/wbs/package-id";
import { db } from "@/lib/server/db/client";
import { setFileViewed } from "@/lib/server/runs/viewed-files";
import { formAction } from "./safe-action";

const input = z.object({
  runId: z.string({ error: "Say which run" }).max(64),
  /** Absent: the merged feature branch's diff. */
  wpId: z.string().regex(WP_ID_PATTERN, "That is not a package id").optional(),
  path: z.string({ error: "Say which file" }).max(4096, "That file path is too long"),
  viewed: z.enum(["true", "false"], { error: "Say whether the file is viewed (true or false)" }),
});

/** Review: mark a file of a diff viewed (or not); the mark is kept for the run. */
export const markFileViewedAction = formAction(input, async ({ runId, wpId, path, viewed }) => {
  await setFileViewed(db(), { runId, scope: scopeOf(wpId), path, viewed: viewed === "true" });
  return viewed === "true" ? `Marked ${path} viewed` : `Marked ${path} not viewed`;
});
