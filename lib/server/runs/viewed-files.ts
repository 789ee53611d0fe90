// "Viewed" marks on a run's diffs, kept for the run: one row per (run, diff scope, file), holding
// the file's version when it was marked, so a mark lapses once that file's change changes.
import { scopeKey, type DiffScope, type ViewedMark } from "@/lib/core/review/viewed-files";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { diffRangeOf, fileVersionsOf } from "./run-diff";

/** The marks of one diff of the run (the run must exist). */
export async function readViewedFiles(db: Database, runId: string, scope: DiffScope): Promise<ViewedMark[]> {
  await loadRunSnapshot(db, runId);
  return db.viewedFile.findMany({
    where: { runId, scope: scopeKey(scope) },
    select: { path: true, fileVersion: true },
    orderBy: { path: "asc" },
  });
}

/** Marks a file of the diff viewed at its current version, or clears the mark. */
export async function setFileViewed(
  db: Database,
  input: { runId: string; scope: DiffScope; path: string; viewed: boolean },
): Promise<void> {
  const { runId, path, viewed } = input;
  const scope = scopeKey(input.scope);
  const range = await diffRangeOf(await loadRunSnapshot(db, runId), input.scope);
  const fileVersion = (await fileVersionsOf(range)).get(path);
  if (fileVersion === undefined)
    throw new UserError(`${path} is not a changed file of ${range.title}: reload the diff and try again`);
  const key = { runId_scope_path: { runId, scope, path } };
  if (!viewed) {
    await db.viewedFile.deleteMany({ where: { runId, scope, path } });
    return;
  }
  await db.viewedFile.upsert({
    where: key,
    create: { runId, scope, path, fileVersion },
    update: { fileVersion, viewedAt: new Date() },
  });
}
