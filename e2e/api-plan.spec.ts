import { expect, test } from "@playwright/test";
import { makeRepoShapes, type RepoShapes } from "./fixtures/git-repos";

let repos: RepoShapes;
test.beforeAll(() => {
  repos = makeRepoShapes();
});
test.afterAll(() => repos.cleanup());

test("POST /api/plan decomposes a task and refuses bad answers with a message", async ({ request }) => {
  const planned = await request.post("/api/plan", {
    data: {
      repo: repos.good,
      task: "build a full authentication system with OAuth, RBAC, and audit logging",
      count: 3,
      deps: "independent",
    },
  });
  expect(planned.status()).toBe(200);
  const body = await planned.json();
  expect(body.planner).toBe("offline");
  expect(body.notice).toContain("offline planner");
  expect(body.wbs.work_packages.map((p: { name: string }) => p.name)).toEqual(["OAuth", "RBAC", "Audit logging"]);

  const empty = await request.post("/api/plan", { data: { repo: repos.good, task: "  \n " } });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error).toContain("it cannot be empty or only spaces");

  const tooMany = await request.post("/api/plan", { data: { repo: repos.good, task: "x", count: 11 } });
  expect((await tooMany.json()).error).toContain("At most 10 work packages");

  const huge = await request.post("/api/plan", { data: { repo: repos.good, task: "x".repeat(20_001) } });
  expect(huge.status()).toBe(422);
  expect((await huge.json()).error).toContain("longer than 20000 characters");

  const agentOnly = await request.post("/api/plan", { data: { repo: repos.good, task: "x", planner: "agent" } });
  expect(agentOnly.status()).toBe(422);
  expect((await agentOnly.json()).error).toContain("The demo agent cannot plan");
});
