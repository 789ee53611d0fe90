import { expect, test, type APIRequestContext } from "@playwright/test";
import { git, makeRepoShapes, type RepoShapes } from "./fixtures/git-repos";

let repos: RepoShapes;
test.beforeAll(() => {
  repos = makeRepoShapes();
});
test.afterAll(() => repos.cleanup());

const plan = (packages: Array<{ id: string; deps?: string[]; files?: number }>) => ({
  task: "Build auth with OAuth, RBAC and audit logging",
  created: "2026-11-21T10:00:00Z",
  work_packages: packages.map((p) => ({
    id: p.id,
    name: `Part ${p.id}`,
    scope: `Builds ${p.id}`,
    expected_outputs: Array.from({ length: p.files ?? 1 }, (_, i) => `src/${p.id.toLowerCase()}/file-${i}.ts`),
    dependencies: p.deps ?? [],
    status: "pending",
  })),
});

async function waitForStatus(request: APIRequestContext, runId: string, wanted: string[]) {
  let body: { status: string; workPackages: Array<{ id: string; status: string; attempts: number }> } | undefined;
  await expect
    .poll(
      async () => {
        body = await (await request.get(`/api/runs/${runId}`)).json();
        return body!.status;
      },
      { timeout: 45_000, intervals: [250] },
    )
    .toMatch(new RegExp(`^(${wanted.join("|")})$`));
  return body!;
}

test("POST /api/runs drives a WBS with the demo agent to a merged feature branch", async ({
  request,
  page,
}, testInfo) => {
  const created = await request.post("/api/runs", {
    data: {
      repo: repos.good,
      wbs: plan([{ id: "WP-1" }, { id: "WP-2", deps: ["WP-1"] }, { id: "WP-3" }]),
      agent: "demo",
      staggerSeconds: 0,
    },
  });
  expect(created.status()).toBe(201);
  const { runId, featureBranch } = await created.json();
  expect(featureBranch).toBe("flotilla/build-auth-with-oauth-rbac-and-audit");

  const done = await waitForStatus(request, runId, ["completed", "failed"]);
  expect(done.status).toBe("completed");
  expect(done.workPackages.map((p) => [p.id, p.status, p.attempts])).toEqual([
    ["WP-1", "merged", 1],
    ["WP-2", "merged", 1],
    ["WP-3", "merged", 1],
  ]);
  expect(git(repos.good, "log", "--merges", "--format=%s", featureBranch).trim().split("\n")).toHaveLength(3);
  expect(git(repos.good, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("main");

  // Runs started outside the browser show up on the home page.
  await page.goto("/");
  const row = page
    .getByTestId("project-row")
    .filter({ hasText: repos.good })
    .getByTestId("run-row")
    .filter({ hasText: "build-auth-with-oauth-rbac-and-audit" })
    .first();
  await expect(row).toContainText("completed");
  await expect(row).toContainText("3 of 3 merged");
  await page.screenshot({ path: testInfo.outputPath("home-with-runs.png"), fullPage: true });

  const retryMerged = await request.post(`/api/runs/${runId}/work-packages/WP-1/retry`);
  expect(retryMerged.status()).toBe(409);
  expect((await retryMerged.json()).error).toContain("WP-1 cannot be retried: it is merged");
  expect((await request.post(`/api/runs/${runId}/cancel`)).status()).toBe(409);
});

test("cancel stops a run; retry starts only the chosen package again", async ({ request }) => {
  const created = await request.post("/api/runs", {
    data: {
      repo: repos.good,
      wbs: plan([
        { id: "WP-1", files: 6 },
        { id: "WP-2", files: 6 },
      ]),
      agent: "demo",
      staggerSeconds: 0,
    },
  });
  const { runId } = await created.json();
  await expect
    .poll(async () =>
      (await (await request.get(`/api/runs/${runId}`)).json()).workPackages.some(
        (p: { status: string }) => p.status === "running",
      ),
    )
    .toBe(true);
  expect((await request.post(`/api/runs/${runId}/cancel`)).status()).toBe(202);
  const cancelled = await waitForStatus(request, runId, ["cancelled"]);
  expect(cancelled.workPackages.map((p) => p.status)).toEqual(["cancelled", "cancelled"]);

  const retry = await request.post(`/api/runs/${runId}/work-packages/WP-1/retry`);
  expect(retry.status()).toBe(202);
  const after = await waitForStatus(request, runId, ["failed", "completed"]);
  expect(after.workPackages.map((p) => [p.id, p.status, p.attempts])).toEqual([
    ["WP-1", "merged", 2],
    ["WP-2", "cancelled", 1],
  ]);
});

test("the run API refuses bad and dangerous requests with a clear status and message", async ({ request }) => {
  const good = { repo: repos.good, wbs: plan([{ id: "WP-1" }]), agent: "demo" };

  const plain = await request.post("/api/runs", {
    headers: { "content-type": "text/plain" },
    data: JSON.stringify(good),
  });
  expect(plain.status()).toBe(415);

  const crossSite = await request.post("/api/runs", { headers: { origin: "http://evil.example" }, data: good });
  expect(crossSite.status()).toBe(403);

  const withCommand = await request.post("/api/runs", { data: { ...good, agentCmd: "touch /tmp/pwned" } });
  expect(withCommand.status()).toBe(422);
  expect((await withCommand.json()).error).toContain("cannot carry a command line (agentCmd)");

  const cyclic = await request.post("/api/runs", {
    data: {
      ...good,
      wbs: plan([
        { id: "WP-1", deps: ["WP-2"] },
        { id: "WP-2", deps: ["WP-1"] },
      ]),
    },
  });
  expect(cyclic.status()).toBe(422);
  expect((await cyclic.json()).error).toContain("Dependency loop WP-1 → WP-2 → WP-1");

  const eleven = await request.post("/api/runs", {
    data: { ...good, wbs: plan(Array.from({ length: 11 }, (_, i) => ({ id: `WP-${i + 1}` }))) },
  });
  expect(eleven.status()).toBe(422);
  expect((await eleven.json()).error).toContain("At most 10 work packages");

  const badRepo = await request.post("/api/runs", { data: { ...good, repo: repos.plainFolder } });
  expect(badRepo.status()).toBe(422);
  expect((await badRepo.json()).error).toContain("is not a git repository");

  expect((await request.get("/api/runs/no-such-run")).status()).toBe(404);
  expect((await request.post("/api/runs/no-such-run/cancel")).status()).toBe(404);
});

test("project settings over HTTP: read, change, and refuse bad values or other sites", async ({ request }) => {
  const created = await request.post("/api/runs", {
    data: { repo: repos.good, wbs: plan([{ id: "WP-1" }]), agent: "demo", staggerSeconds: 0 },
  });
  const runId = (await created.json()).runId;
  const projectId = (await (await request.get(`/api/runs/${runId}/state`)).json()).run.projectId;
  const before = await (await request.get(`/api/projects/${projectId}/settings`)).json();
  expect(before).toMatchObject({ agent: "demo", baseBranch: "main" });
  const bad = await request.put(`/api/projects/${projectId}/settings`, { data: { concurrency: 0 } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toContain("Concurrency must be from 1 to 10");
  expect(
    (
      await request.put(`/api/projects/${projectId}/settings`, {
        headers: { origin: "http://evil.example" },
        data: { testCommand: "touch /tmp/x" },
      })
    ).status(),
  ).toBe(403);
  const good = await request.put(`/api/projects/${projectId}/settings`, {
    data: { concurrency: 4, reviewMode: "spec" },
  });
  expect(good.status()).toBe(200);
  expect(await good.json()).toMatchObject({ concurrency: 4, reviewMode: "spec", agent: "demo" });
  // The run already started keeps the settings it started with.
  expect((await (await request.get(`/api/runs/${runId}/state`)).json()).run.options.concurrency).toBe(3);
});
