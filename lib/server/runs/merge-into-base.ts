// "Merge into <base>": merges a completed run's feature branch into the base branch with
// --no-ff. Where the base is checked out (the user's own checkout, usually), the merge happens
// there, so files and branch stay in step; it is refused if that checkout has uncommitted
// changes. It is also refused, with the files, if the base moved in a way that conflicts.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import {
  addWorktree,
  GitError,
  isAncestor,
  isDirty,
  listWorktrees,
  mergeNoFf,
  predictConflicts,
  removeWorktree,
  resolveCommit,
} from "@/lib/node/git/git-ops";
import { withRepoLock } from "@/lib/node/git/repo-lock";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export async function mergeRunIntoBase(
  db: Database,
  dataDir: string,
  runId: string,
): Promise<{ commit: string; base: string }> {
  const snapshot = await loadRunSnapshot(db, runId);
  const { run, options } = snapshot;
  const repo = run.project.repoPath;
  const base = options.baseBranch;
  if (run.status !== "completed" || !run.featureBranch)
    throw new UserError("Only a completed run can be merged into its base branch", "conflict");

  return withRepoLock(repo, async () => {
    const feature = await resolveCommit(repo, run.featureBranch!);
    const baseTip = await resolveCommit(repo, base).catch(() => {
      throw new UserError(`The base branch "${base}" no longer exists`, "conflict");
    });
    if (await isAncestor(repo, feature, baseTip))
      throw new UserError(`${run.featureBranch} is already merged into ${base}`, "conflict");
    const conflicts = await predictConflicts(repo, baseTip, feature);
    if (conflicts.length > 0) {
      throw new UserError(
        `${base} has moved on since the run started, and merging would conflict in ${conflicts.join(", ")}. Merge ${base} into ${run.featureBranch} by hand first.`,
        "conflict",
      );
    }
    const message = `Merge ${run.featureBranch}: ${run.task.split("\n")[0].slice(0, 72)}`;
    const checkedOut = (await listWorktrees(repo)).find((w) => w.branch === base);
    let where = checkedOut?.path;
    let temporary: string | null = null;
    if (where) {
      if (await isDirty(where)) {
        throw new UserError(
          `${base} is checked out in ${where} with uncommitted changes: commit or stash them, then merge again`,
          "conflict",
        );
      }
    } else {
      temporary = await mkdtemp(path.join(dataDir, "merge-"));
      where = path.join(temporary, "checkout");
      await addWorktree(repo, where, base).catch((err: Error) => {
        throw new UserError(`Could not prepare the merge: ${err.message}`);
      });
    }
    try {
      // The user's own merge hooks run: this merge lands in their base branch.
      const commit = await mergeNoFf(where, run.featureBranch!, message, { verify: true }).catch((err: Error) => {
        const said = err instanceof GitError ? (err.result.stderr || err.result.stdout).trim() : err.message;
        throw new UserError(`git refused the merge: ${said.slice(0, 500)}`, "conflict");
      });
      await appendEvent(db, {
        type: "run.merged_into_base",
        projectId: run.projectId,
        runId,
        payload: { base, commit },
      });
      return { commit, base };
    } finally {
      if (temporary) {
        await removeWorktree(repo, where);
        await rm(temporary, { recursive: true, force: true });
      }
    }
  });
}
