// Saves an edited plan of a run that has not been launched. A plan with validation problems can
// be saved (the editor lists them and Launch stays disabled); one whose structure cannot be
// stored (duplicate ids, edges to missing packages, more than 10) is refused.
import { compareWpIds, WP_ID_PATTERN } from "@/lib/core/wbs/package-id";
import { validateWbs, type WbsValidation } from "@/lib/core/wbs/validate-wbs";
import { MAX_WORK_PACKAGES, type WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { writePackages } from "@/lib/server/engine/commands/create-run";

export async function savePlan(db: Database, runId: string, wbs: WorkBreakdown): Promise<WbsValidation> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) throw new UserError("That run does not exist", "not_found");
  if (run.status !== "planned")
    throw new UserError(`This run is ${run.status}: its plan can no longer change`, "conflict");
  const ids = wbs.work_packages.map((p) => p.id);
  if (ids.length > MAX_WORK_PACKAGES) throw new UserError(`A plan has at most ${MAX_WORK_PACKAGES} work packages`);
  if (new Set(ids).size !== ids.length || ids.some((id) => !WP_ID_PATTERN.test(id)))
    throw new UserError("Each package needs a unique id such as WP-4");
  for (const p of wbs.work_packages) {
    const missing = p.dependencies.find((d) => !ids.includes(d));
    if (missing) throw new UserError(`${p.id} depends on ${missing}, which is not in the plan`);
  }
  if (wbs.task.trim() === "") throw new UserError("The compound task cannot be empty");
  const { task, created: _created, work_packages, ...extra } = wbs;
  await db.$transaction(async (tx) => {
    await tx.workPackage.deleteMany({ where: { runId } });
    await writePackages(
      tx,
      runId,
      [...work_packages].sort((a, b) => compareWpIds(a.id, b.id)),
    );
    await tx.run.update({ where: { id: runId }, data: { task: task.trim(), wbsExtra: JSON.stringify(extra) } });
    await appendEvent(tx, {
      type: "run.plan_saved",
      projectId: run.projectId,
      runId,
      payload: { packages: work_packages.length },
    });
  });
  return validateWbs(wbs);
}
