import { describe, expect, it, onTestFinished } from "vitest";
import { git, makeRepoShapes } from "@/e2e/fixtures/git-repos";
import { UserError } from "@/lib/server/errors";
import { createTestDatabase } from "@/lib/testing/test-database";
import { listProjects } from "./list-projects";
import { registerProject } from "./register-project";
import { removeProject } from "./remove-project";

function repos() {
  const shapes = makeRepoShapes();
  onTestFinished(() => shapes.cleanup());
  return shapes;
}

describe("projects (real git, real SQLite)", () => {
  it("registers a repository on its checked-out branch and logs an event", async () => {
    const db = await createTestDatabase();
    const { good } = repos();
    const project = await registerProject(db, { path: `${good}/` });
    expect(project).toMatchObject({
      name: "good-repo",
      repoPath: good,
      baseBranch: "main",
      concurrency: 3,
      staggerSeconds: 12,
      timeoutSeconds: 600,
      agent: "demo",
    });
    const events = await db.event.findMany();
    expect(events).toEqual([expect.objectContaining({ type: "project.registered", projectId: project.id })]);
    expect(JSON.parse(events[0].payload)).toEqual({ repoPath: good, baseBranch: "main" });
    expect(await listProjects(db)).toEqual([expect.objectContaining({ id: project.id, _count: { runs: 0 } })]);
  });

  it("uses the given name and base branch", async () => {
    const db = await createTestDatabase();
    const { good } = repos();
    git(good, "branch", "release");
    expect(await registerProject(db, { path: good, name: "  Shop  ", baseBranch: "release" })).toMatchObject({
      name: "Shop",
      baseBranch: "release",
    });
  });

  it("refuses a base branch that does not exist, naming the ones that do", async () => {
    const db = await createTestDatabase();
    const { good } = repos();
    const attempt = registerProject(db, { path: good, baseBranch: "develop" });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: { baseBranch: expect.stringContaining('no branch "develop"') },
    });
    expect(await db.project.count()).toBe(0);
  });

  it("asks for a base branch when HEAD is detached", async () => {
    const db = await createTestDatabase();
    const { good } = repos();
    git(good, "checkout", "-q", "--detach");
    await expect(registerProject(db, { path: good })).rejects.toMatchObject({
      fieldErrors: { baseBranch: expect.stringContaining("HEAD is detached") },
    });
    expect(await registerProject(db, { path: good, baseBranch: "main" })).toMatchObject({ baseBranch: "main" });
  });

  it("refuses a second registration of the same repository, even when raced", async () => {
    const db = await createTestDatabase();
    const { good } = repos();
    const results = await Promise.allSettled([
      registerProject(db, { path: good }),
      registerProject(db, { path: good }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ kind: "conflict", message: expect.stringContaining("already registered") });
    expect(await db.project.count()).toBe(1);
  });

  it("removes a project without touching the repository, and refuses while a run is in progress", async () => {
    const db = await createTestDatabase();
    const { good } = repos();
    const project = await registerProject(db, { path: good });
    const run = await db.run.create({
      data: { projectId: project.id, slug: "auth", task: "build auth", status: "running" },
    });
    await expect(removeProject(db, project.id)).rejects.toMatchObject({
      kind: "conflict",
      message: expect.stringContaining("1 run(s) in progress"),
    });
    await db.run.update({ where: { id: run.id }, data: { status: "completed" } });
    await removeProject(db, project.id);
    expect(await db.project.count()).toBe(0);
    expect(await db.run.count()).toBe(0);
    expect(git(good, "status", "--porcelain")).toBe("");
    // The event log keeps the history of what was removed.
    expect((await db.event.findMany()).map((e) => e.type)).toEqual(["project.registered", "project.removed"]);
    await expect(removeProject(db, project.id)).rejects.toMatchObject({ kind: "not_found" });
  });
});
