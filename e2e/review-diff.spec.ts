import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { git } from "./fixtures/git-repos";
import {
  expectAccessible,
  makeJsRepo,
  projectRow,
  registerProject,
  snap,
  useCustomAgent,
  watchErrors,
} from "./fixtures/app";

const REVIEW_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/review-agent.mjs");
const WS_FILE = "legacy/format-only.txt";

/** Axe in light and in dark, with a screenshot of each. */
async function checkBothSchemes(page: Page, testInfo: Parameters<typeof snap>[1], name: string) {
  await expectAccessible(page);
  await snap(page, testInfo, `${name}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page);
  await snap(page, testInfo, `${name}-dark`);
  await page.emulateMedia({ colorScheme: "light" });
}

/** No sideways scroll of the page itself (a diff may scroll inside its own box). */
async function expectNoPageScrollSideways(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

test("a person reads the diffs: approves beside the diff, folds the list, marks viewed, hides whitespace", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("diffs");
  mkdirSync(path.join(repo, "legacy"));
  writeFileSync(path.join(repo, WS_FILE), "alpha\nbeta\ngamma\n");
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "A file only re-indented later");
  await registerProject(page, repo);
  await useCustomAgent(page, repo, `node ${REVIEW_AGENT} WP-1=reindent WP-2=noop`);

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
  await expect(wp1).toHaveAttribute("data-status", "awaiting_approval", { timeout: 60_000 });
  const runPath = new URL(page.url()).pathname;

  // Before any merge the feature branch is the base: the Review tab says so.
  await page.getByRole("link", { name: "Review", exact: true }).click();
  await expect(page.getByTestId("no-changes")).toContainText(/Nothing has been merged into flotilla\/\S+ yet/);
  await checkBothSchemes(page, testInfo, "1-review-nothing-merged");

  // The monitor shows the waiting package's diff right above Approve and Reject.
  await page.getByRole("link", { name: "Monitor" }).click();
  await wp1.click();
  const changes = page.getByRole("region", { name: "Changes in WP-1" });
  await expect(changes.getByRole("region", { name: WS_FILE })).toBeVisible();
  await expect(changes).toContainText("export const owner");
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
  await checkBothSchemes(page, testInfo, "2-monitor-approval-diff");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(wp1).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  await expect(page.getByTestId("card-WP-2")).toHaveAttribute("data-status", "failed", { timeout: 60_000 });

  // An empty package branch: "No changes", and what that means.
  await page.goto(`${runPath}/review?wp=WP-2`);
  await expect(page.getByTestId("no-changes")).toContainText("WP-2's branch is the same as the commit it started from");

  // The merged branch: the file list folds away and comes back; a click on a file jumps to it.
  await page.getByLabel("Show").selectOption("");
  const list = page.getByRole("navigation", { name: "Changed files" });
  await expect(list.getByRole("link", { name: new RegExp(WS_FILE) })).toBeVisible();
  await list.getByRole("button", { name: /Changed files/ }).click();
  await expect(list.getByRole("link")).toHaveCount(0);
  await list.getByRole("button", { name: /Changed files/ }).click();
  await list.getByRole("link", { name: new RegExp(WS_FILE) }).click();
  const wsSection = page.getByRole("region", { name: WS_FILE });
  await expect(wsSection).toBeInViewport();

  // One file folds by itself.
  await wsSection.getByRole("button", { name: `Collapse ${WS_FILE}` }).click();
  await expect(wsSection).toHaveAttribute("data-collapsed", "true");
  await wsSection.getByRole("button", { name: `Expand ${WS_FILE}` }).click();
  await expect(wsSection.getByRole("table")).toBeVisible();

  // Viewed: the file folds, the list counts it, and it stays viewed after a reload and elsewhere.
  await wsSection.getByRole("checkbox", { name: `Viewed ${WS_FILE}` }).check();
  await expect(wsSection).toHaveAttribute("data-collapsed", "true");
  await expect(page.getByTestId("viewed-count")).toContainText(/^1 of \d+ viewed$/);
  const runId = runPath.split("/").pop();
  await expect
    .poll(async () => (await (await page.request.get(`/api/runs/${runId}/viewed`)).json()).marks.length)
    .toBe(1);
  await page.reload();
  await expect(wsSection.getByRole("checkbox", { name: `Viewed ${WS_FILE}` })).toBeChecked();
  await expect(wsSection).toHaveAttribute("data-collapsed", "true");
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.goto(page.url());
  await expect(other.getByRole("checkbox", { name: `Viewed ${WS_FILE}` })).toBeChecked();
  await elsewhere.close();
  await checkBothSchemes(page, testInfo, "3-review-viewed");

  // Hide whitespace changes: the re-indented file leaves the diff, also after a reload.
  await page.getByLabel("Hide whitespace changes").check();
  await expect(page).toHaveURL(/whitespace=hide/);
  await expect(page.getByTestId("diff-note")).toHaveText("1 file with only whitespace changes is hidden.");
  await expect(list.getByRole("link", { name: new RegExp(WS_FILE) })).toHaveCount(0);
  await expect(wsSection).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Hide whitespace changes")).toBeChecked();
  await expect(wsSection).toHaveCount(0);
  await expect(list.getByRole("link").first()).toBeVisible();
  await checkBothSchemes(page, testInfo, "4-review-whitespace-hidden");
  await page.getByLabel("Hide whitespace changes").uncheck();
  await expect(wsSection.getByRole("checkbox", { name: `Viewed ${WS_FILE}` })).toBeChecked();

  // A phone's width: nothing makes the page scroll sideways, in split view either.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Expand all" }).click();
  await page.getByRole("button", { name: "Split" }).click();
  await expectNoPageScrollSideways(page);
  await snap(page, testInfo, "5-review-390");
  await page.emulateMedia({ colorScheme: "dark" });
  await snap(page, testInfo, "5-review-390-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(runPath);
  await expect(page.getByTestId("card-WP-1")).toBeVisible();
  await expectNoPageScrollSideways(page);
  expect(problems).toEqual([]);
});
