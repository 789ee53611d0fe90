// The three-way view of a package's open conflict: per conflicted file, its text at the common
// ancestor (base), on the feature branch, on the package's branch, and as it is now in the
// package's worktree (with whatever markers are left), plus the worktree's path for a person.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseConflictState } from "@/lib/core/conflicts/conflict-state";
import { fileAt, mergeBase } from "@/lib/node/git/conflict-ops";
import { isInsideFolder } from "@/lib/node/files/inside-folder";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";

const MAX_BYTES = 200_000;

export interface ConflictFileView {
  path: string;
  /** null: the file does not exist on that side (or is binary). */
  base: string | null;
  feature: string | null;
  package: string | null;
  worktree: string | null;
}

export interface ConflictView {
  wpId: string;
  status: string;
  worktree: string;
  featureBranch: string;
  /** The packages already merged that changed these files. */
  with: string[];
  rounds: number;
  lastProblem: string | null;
  files: ConflictFileView[];
}

async function readWorktreeFile(worktree: string, file: string): Promise<string | null> {
  const full = path.join(worktree, file);
  if (!isInsideFolder(worktree, full)) return null;
  try {
    const text = await readFile(full, "utf8");
    if (text.includes("\0")) return null;
    return text.length > MAX_BYTES ? `${text.slice(0, MAX_BYTES)}\n… (cut at ${MAX_BYTES} bytes)` : text;
  } catch {
    return null;
  }
}

export async function conflictView(db: Database, runId: string, wpId: string): Promise<ConflictView> {
  const pkg = await db.workPackage.findUnique({
    where: { runId_wpId: { runId, wpId } },
    include: { run: { include: { project: true } }, attempts: { orderBy: { number: "desc" }, take: 1 } },
  });
  if (!pkg) throw new UserError(`There is no package ${wpId} in that run`, "not_found");
  const open = parseConflictState(pkg.conflict).current;
  if (!open) throw new UserError(`${wpId} has no open conflict`, "not_found");
  const repo = pkg.run.project.repoPath;
  const worktree = pkg.attempts[0]?.worktreePath ?? "";
  const base = await mergeBase(repo, open.packageTip, open.featureTip);
  const files = await Promise.all(
    open.files.map(async (file) => ({
      path: file,
      base: base ? await fileAt(repo, base, file, MAX_BYTES) : null,
      feature: await fileAt(repo, open.featureTip, file, MAX_BYTES),
      package: await fileAt(repo, open.packageTip, file, MAX_BYTES),
      worktree: worktree ? await readWorktreeFile(worktree, file) : null,
    })),
  );
  return {
    wpId,
    status: pkg.status,
    worktree,
    featureBranch: pkg.run.featureBranch ?? "",
    with: open.with,
    rounds: open.rounds,
    lastProblem: open.lastProblem,
    files,
  };
}
