import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { git } from "./fixtures/git-repos";
import { expectAccessible, makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

const TASK = "Add a discount code field to the checkout, with validation, error messages and tests";

const wbs = {
  task: TASK,
  created: "2026-11-21T10:00:00Z",
  work_packages: ["WP-1", "WP-2"].map((id) => ({
    id,
    name: `Part ${id}`,
    scope: `Builds ${id}`,
    expected_outputs: [`src/${id.toLowerCase()}.js`],
    dependencies: [],
    status: "pending",
  })),
};

async function startRun(request: APIRequestContext, repo: string): Promise<string> {
  const created = await request.post("/api/runs", { data: { repo, wbs, agent: "demo", staggerSeconds: 0 } });
  expect(created.status()).toBe(201);
  return (await created.json()).runId;
}

async function waitSettled(request: APIRequestContext, runId: string): Promise<void> {
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${runId}`)).json()).status, {
      timeout: 60_000,
      intervals: [250],
    })
    .toMatch(/^(completed|failed|cancelled)$/);
}

/** The page does not scroll sideways; on failure, the elements reaching past the right edge. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth, past } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: width,
      past: [...document.querySelectorAll("main *")]
        .filter((e) => e.getBoundingClientRect().right > width)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className.toString().slice(0, 60)}`)
        .slice(0, 10),
    };
  });
  expect(scrollWidth, past.join("\n")).toBeLessThanOrEqual(clientWidth);
}

test("four runs of one task are told apart on home; one is deleted there, one from its own page", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("till");
  await registerProject(page, repo);

  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await startRun(request, repo));
  const cancelled = await startRun(request, repo);
  expect((await request.post(`/api/runs/${cancelled}/cancel`)).status()).toBe(202);
  for (const id of [...ids, cancelled]) await waitSettled(request, id);
  const slugOf = async (id: string) =>
    ((await (await request.get(`/api/runs/${id}`)).json()).featureBranch as string).replace(/^flotilla\//, "");
  const slugs = await Promise.all([...ids, cancelled].map(slugOf));
  expect(new Set(slugs).size).toBe(4);

  await page.goto("/");
  const rows = projectRow(page, repo).getByTestId("run-row");
  await expect(rows).toHaveCount(4);
  // Newest first: the cancelled run, then the three completed ones; each names its slug whole on hover.
  await expect(rows.nth(0)).toContainText("cancelled");
  for (const [i, slug] of [...slugs].reverse().entries()) {
    const row = rows.nth(i);
    await expect(row.getByRole("link", { name: slug, exact: true })).toHaveAttribute("title", slug);
    await expect(row.getByTitle(TASK)).toBeVisible();
    await expect(row).toContainText(/\d of 2 merged/);
    await expect(row).toContainText(/started \w{3} \d+, \d\d:\d\d:\d\d UTC · just now/);
  }
  await expect(rows.nth(1)).toContainText("2 of 2 merged");
  await snap(page, testInfo, "home-four-runs");
  await expectAccessible(page);

  await page.emulateMedia({ colorScheme: "dark" });
  await snap(page, testInfo, "home-four-runs-dark");
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "light" });

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, "home-four-runs-390");

  // Delete the second run from home: the confirmation names what goes and what stays.
  const second = slugs[1];
  expect(git(repo, "branch", "--list", `flotilla/${second}`)).toContain(second);
  await rows
    .filter({ has: page.getByRole("link", { name: second, exact: true }) })
    .getByRole("button", { name: `Delete run ${second}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Delete run ${second}?` });
  await expect(dialog.getByTestId("deletion-goes")).toContainText(`1 branch: flotilla/${second}`);
  await expect(dialog.getByTestId("deletion-goes")).toContainText("its logs and files in the data folder");
  // Its packages merged into the feature branch only: the dialog says that work goes with it.
  await expect(dialog.getByTestId("deletion-goes")).toContainText(
    `which is only on flotilla/${second}, not in main: use Merge into main on the Review tab first to keep it`,
  );
  await expect(dialog.getByTestId("deletion-stays")).toContainText("main and everything already merged into it");
  await expect(dialog.getByTestId("deletion-stays")).toContainText(`your own checkout at ${repo}`);
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, "delete-confirmation-390");
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await snap(page, testInfo, "delete-confirmation-390-dark");
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "light" });

  await dialog.getByRole("button", { name: "Delete run" }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("link", { name: second, exact: true })).toHaveCount(0);
  expect(git(repo, "branch", "--list", "flotilla/*")).not.toContain(`flotilla/${second}\n`);
  expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("main");
  expect((await request.get(`/api/runs/${ids[1]}`)).status()).toBe(404);

  // The cancelled run, from its own page: back home, and gone.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/runs/${cancelled}`);
  await page.getByRole("button", { name: `Delete run ${slugs[3]}` }).click();
  await page
    .getByRole("dialog", { name: `Delete run ${slugs[3]}?` })
    .getByRole("button", { name: "Delete run" })
    .click();
  await expect(page).toHaveURL(/\/$/);
  await expect(projectRow(page, repo).getByTestId("run-row")).toHaveCount(2);
  expect((await request.delete(`/api/runs/${cancelled}`)).status()).toBe(404);
  await snap(page, testInfo, "home-after-deletes");

  // A running run is not deleted: the confirmation says to cancel it first, and offers no Delete.
  const slowPlan = {
    ...wbs,
    work_packages: wbs.work_packages.map((p, i) => ({
      ...p,
      expected_outputs: [1, 2, 3, 4].map((n) => `src/${p.id.toLowerCase()}-${n}.js`),
      dependencies: i === 0 ? [] : ["WP-1"],
    })),
  };
  const slow = await request.post("/api/runs", { data: { repo, wbs: slowPlan, agent: "demo", staggerSeconds: 0 } });
  const running = (await slow.json()).runId as string;
  const runningSlug = await slugOf(running);
  await page.goto("/");
  await projectRow(page, repo)
    .getByTestId("run-row")
    .filter({ has: page.getByRole("link", { name: runningSlug, exact: true }) })
    .getByRole("button", { name: `Delete run ${runningSlug}` })
    .click();
  const refusal = page.getByRole("dialog", { name: `Delete run ${runningSlug}?` });
  await expect(refusal.getByRole("alert")).toContainText("This run is still running: cancel it first");
  await expect(refusal.getByRole("link", { name: "Open the run to cancel it" })).toBeVisible();
  await expect(refusal.getByRole("button", { name: "Delete run" })).toHaveCount(0);
  await snap(page, testInfo, "delete-refused-while-running");
  await refusal.getByRole("button", { name: "Close" }).click();
  expect((await request.delete(`/api/runs/${running}`)).status()).toBe(409);
  expect((await request.post(`/api/runs/${running}/cancel`)).status()).toBe(202);
  await waitSettled(request, running);
  expect(problems).toEqual([]);
});
