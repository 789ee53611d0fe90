// Registers a git repository as a project after checking it is one Flotilla can run against.
import path from "node:path";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { inspectRepository } from "@/lib/node/git/inspect-repository";
import { PROJECT_DEFAULTS } from "@/lib/core/projects/project-defaults";

export interface RegisterProjectInput {
  path: string;
  name?: string;
  baseBranch?: string;
}

const listBranches = (branches: string[]): string =>
  branches.length <= 8 ? branches.join(", ") : `${branches.slice(0, 8).join(", ")} and ${branches.length - 8} more`;

/**
 * Everything a registration checks, and the row it would write, without writing it: a command
 * refused later (a bad setting, a missing agent) then leaves nothing behind.
 */
export async function draftProject(db: Database, input: RegisterProjectInput) {
  const repo = await inspectRepository(input.path);
  if (!repo.ok) throw new UserError(repo.message, "validation", { path: repo.message });

  const existing = await db.project.findUnique({ where: { repoPath: repo.topLevel } });
  if (existing) {
    const message = `${repo.topLevel} is already registered as project "${existing.name}"`;
    throw new UserError(message, "conflict", { path: message });
  }

  const requested = input.baseBranch?.trim();
  const baseBranch = requested || repo.currentBranch;
  if (!baseBranch) {
    const message = `HEAD is detached in ${repo.topLevel}: enter the base branch to start runs from (${listBranches(repo.branches)})`;
    throw new UserError(message, "validation", { baseBranch: message });
  }
  if (!repo.branches.includes(baseBranch)) {
    const message = `There is no branch "${baseBranch}" in ${repo.topLevel}: choose one of ${listBranches(repo.branches)}`;
    throw new UserError(message, "validation", { baseBranch: message });
  }

  return {
    name: input.name?.trim() || path.basename(repo.topLevel),
    repoPath: repo.topLevel,
    baseBranch,
    ...PROJECT_DEFAULTS,
  };
}

export type ProjectDraft = Awaited<ReturnType<typeof draftProject>>;

export async function registerProject(db: Database, input: RegisterProjectInput | ProjectDraft) {
  const draft = "repoPath" in input ? input : await draftProject(db, input);
  const project = await db.project.create({ data: draft }).catch((err: unknown) => {
    // Two registrations of one path racing each other: the unique index decides.
    if ((err as { code?: string }).code === "P2002") {
      throw new UserError(`${draft.repoPath} is already registered`, "conflict", {
        path: `${draft.repoPath} is already registered`,
      });
    }
    throw err;
  });
  await appendEvent(db, {
    type: "project.registered",
    projectId: project.id,
    payload: { repoPath: project.repoPath, baseBranch: project.baseBranch },
  });
  return project;
}
