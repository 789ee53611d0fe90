import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { git } from "./fixtures/git-repos";
import { expectAccessible, makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");

test("a package fails, its reason shows, Retry merges it; the diffs, merge into base and report work", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("store");
  const state = mkdtempSync(path.join(os.tmpdir(), "flotilla-fake-state-"));
  await registerProject(page, repo);

  // Settings: a bad value gets its message; then a custom agent whose WP-2 fails once.
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await page.getByLabel("Concurrency").fill("11");
  await page.getByLabel("Base branch").fill("develop");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("#field-concurrency-error")).toHaveText("Concurrency must be from 1 to 10");
  // The refusal is said beside the button too, and the first field to fix has the focus.
  await expect(page.getByTestId("settings-not-saved")).toContainText("Not saved: one field needs a change");
  await expect(page.getByLabel("Concurrency")).toBeFocused();
  await page.getByLabel("Concurrency").fill("3");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("#field-baseBranch-error")).toContainText('There is no branch "develop"');
  await expectAccessible(page);
  await snap(page, testInfo, "1-settings-error");
  await page.getByLabel("Base branch").fill("main");
  await page.getByLabel("Agent CLI").selectOption("custom");
  await page.getByLabel("Custom agent command").fill(`node ${FAKE_AGENT} WP-2=fail-once state=${state} delay=1500`);
  await page.getByLabel("Test command").fill("npm test");
  await page.getByLabel("Stagger (seconds)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of store/)).toBeVisible();

  // New run with the offline planner, launched as planned.
  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("Implement search, filtering and sorting for the catalog");
  await page.getByLabel("Planner").selectOption("offline");
  await page.getByRole("button", { name: "Decompose" }).click();
  await page.getByRole("button", { name: "Launch" }).click();

  // Cards change live, without reloading.
  const wp1 = page.getByTestId("card-WP-1");
  await expect(wp1).toHaveAttribute("data-status", "running");
  await wp1.click();
  await expect(page.getByTestId("log-scroller")).toContainText("fake agent WP-1: succeed");
  await snap(page, testInfo, "2-monitor-running");
  await expect(wp1).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  // A custom command is not reviewed by default: its one attempt's log is shown.
  await expect(page.getByTestId("log-scroller")).toContainText("WP-1 done");

  // WP-2 fails: the reason and its log are shown, then Retry.
  const wp2 = page.getByTestId("card-WP-2");
  await expect(wp2).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await wp2.click();
  await expect(page.getByTestId("status-reason")).toContainText("The agent exited with code 1");
  await expect(page.getByTestId("log-scroller")).toContainText("first try fails");
  await expect(page.getByTestId("run-progress")).toContainText("2 of 3", { timeout: 30_000 });
  await expectAccessible(page);
  await snap(page, testInfo, "3-monitor-failed");
  await page.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(wp2).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Attempts of WP-2" })).toContainText("failed");
  await expect(page.getByTestId("run-progress")).toContainText("3 of 3");
  await snap(page, testInfo, "4-monitor-completed");

  // Review: the merged diff, then one package's diff.
  await page.getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("navigation", { name: "Changed files" })).toContainText("src/");
  await expect(page.getByRole("region", { name: "Merge commits" })).toContainText("tests passed");
  await page.getByRole("button", { name: "Split" }).click();
  await expectAccessible(page);
  await snap(page, testInfo, "5-review-merged");
  await page.getByLabel("Show").selectOption("WP-2");
  await expect(page.getByText("WP-2 as merged")).toBeVisible();
  await snap(page, testInfo, "6-review-package");
  await page.getByLabel("Show").selectOption("");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Merge into main" }).click();
  await expect(page.getByText(/Merged into main/)).toBeVisible();
  expect(git(repo, "log", "-1", "--format=%s", "main")).toMatch(/^Merge flotilla\//);

  // Report, and its download.
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("article", { name: /WP-2/ })).toContainText("2 attempts");
  await expectAccessible(page);
  await snap(page, testInfo, "7-report");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download Markdown" }).click(),
  ]);
  const markdown = readFileSync((await download.path())!, "utf8");
  expect(markdown).toContain("# Flotilla run report");
  expect(markdown).toContain("3 total | 3 merged | 0 failed");
  expect(problems).toEqual([]);
});

test("Try the demo runs the whole flow with the demo agent", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  await page.goto("/");
  await page.getByRole("button", { name: "Try the demo" }).click();
  await expect(page.getByRole("heading", { name: "New run" })).toBeVisible();
  await expect(page.getByLabel("Compound task")).toHaveValue(
    "build a full authentication system with OAuth, RBAC, and audit logging",
  );
  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.getByTestId("dependency-graph").locator('.react-flow__node[data-id="WP-2"]')).toContainText("RBAC");
  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("3 of 3", { timeout: 90_000 });
  await snap(page, testInfo, "demo-completed");
  await page.goto("/");
  await expect(page.getByTestId("run-row").first()).toBeVisible();
  await expectAccessible(page);
  // Pressed again, it opens the same demo project instead of adding another one.
  await page.getByRole("button", { name: "Try the demo" }).click();
  await expect(page.getByRole("heading", { name: "New run" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("project-row").filter({ hasText: "Demo shop" })).toHaveCount(1);
  expect(problems).toEqual([]);
});
