import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectAccessible, makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

type State = {
  run: { status: string };
  packages: Array<{ wpId: string; status: string; review: { history: Array<{ stage: string; verdict: string }> } }>;
};
const state = async (request: APIRequestContext, runId: string) =>
  (await (await request.get(`/api/runs/${runId}/state`)).json()) as State;
const statusOf = async (request: APIRequestContext, runId: string, wpId: string) =>
  (await state(request, runId)).packages.find((p) => p.wpId === wpId)!.status;

test("a person approves and rejects through the HTTP API", async ({ request }) => {
  test.setTimeout(90_000);
  const repo = makeJsRepo("gate-api");
  const wbs = {
    task: "two parts",
    work_packages: ["WP-1", "WP-2"].map((id) => ({
      id,
      name: `Part ${id}`,
      scope: "s",
      expected_outputs: [`src/${id.toLowerCase()}.js`],
      dependencies: [],
    })),
  };
  const created = await request.post("/api/runs", {
    data: { repo, wbs, agent: "demo", reviewMode: "human", staggerSeconds: 0 },
  });
  expect(created.status()).toBe(201);
  const { runId } = await created.json();
  for (const wp of ["WP-1", "WP-2"])
    await expect.poll(() => statusOf(request, runId, wp), { timeout: 30_000 }).toBe("awaiting_approval");

  expect((await request.post(`/api/runs/${runId}/work-packages/WP-1/approve`, { data: {} })).status()).toBe(200);
  const noComment = await request.post(`/api/runs/${runId}/work-packages/WP-2/reject`, { data: { comment: " " } });
  expect(noComment.status()).toBe(422);
  expect((await noComment.json()).error).toContain("Say what to change");
  expect(
    (
      await request.post(`/api/runs/${runId}/work-packages/WP-2/reject`, { data: { comment: "Validate the input" } })
    ).status(),
  ).toBe(200);
  await expect.poll(() => statusOf(request, runId, "WP-1"), { timeout: 30_000 }).toBe("merged");
  await expect.poll(() => statusOf(request, runId, "WP-2"), { timeout: 30_000 }).toBe("awaiting_approval");
  expect((await request.post(`/api/runs/${runId}/work-packages/WP-1/approve`, { data: {} })).status()).toBe(409);
  expect(
    (
      await request.post(`/api/runs/${runId}/work-packages/WP-2/approve`, {
        headers: { "content-type": "text/plain" },
        data: "{}",
      })
    ).status(),
  ).toBe(415);
  expect((await request.post(`/api/runs/${runId}/work-packages/WP-2/approve`, { data: {} })).status()).toBe(200);
  await expect.poll(async () => (await state(request, runId)).run.status, { timeout: 30_000 }).toBe("completed");
  const wp2 = (await state(request, runId)).packages[1];
  expect(wp2.review.history.map((r) => `${r.stage}:${r.verdict}`)).toEqual(["human:reject", "human:approve"]);
  const diff = await (await request.get(`/api/runs/${runId}/work-packages/WP-2/diff`)).json();
  expect(diff.diff).toContain("Fixed after review: Validate the input");
});

test("a person approves one package and rejects another in the browser", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("gate-ui");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await page.getByLabel("Stagger (seconds)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings/)).toBeVisible();
  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("Add search and filtering");
  await page.getByText("Custom", { exact: true }).click();
  await page.getByLabel("Custom number of work packages").fill("2");
  await page.getByLabel("Review", { exact: true }).selectOption("human");
  await page.getByRole("button", { name: "Decompose" }).click();
  await page.getByRole("button", { name: "Launch" }).click();

  const wp1 = page.getByTestId("card-WP-1");
  const wp2 = page.getByTestId("card-WP-2");
  await expect(wp1).toHaveAttribute("data-status", "awaiting_approval", { timeout: 30_000 });
  await expect(wp2).toHaveAttribute("data-status", "awaiting_approval", { timeout: 30_000 });
  await wp1.click();
  await expectAccessible(page);
  await snap(page, testInfo, "review-awaiting");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(wp1).toHaveAttribute("data-status", "merged", { timeout: 30_000 });

  await wp2.click();
  await page.getByLabel("What should change in WP-2").fill("Handle an empty query");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByTestId("review-history")).toContainText("rejected — Handle an empty query");
  await expect(wp2).toHaveAttribute("data-status", "awaiting_approval", { timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Attempts of WP-2" })).toContainText("fix");
  // Attempts are counted the same way everywhere: one implementation, its fix shown as such.
  await expect(wp2.getByTestId("card-attempts")).toContainText("1");
  await expect(wp2.getByTestId("card-review-runs")).toHaveText("1 fix");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("2 of 2", { timeout: 30_000 });
  await snap(page, testInfo, "review-done");
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("list", { name: "Reviews of WP-2" })).toContainText(
    "Review (human): reject — Handle an empty query",
  );
  await expect(page.getByText("1 attempt and 1 fix")).toBeVisible();
  expect(problems).toEqual([]);
});
