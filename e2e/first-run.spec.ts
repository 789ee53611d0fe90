import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

// The user's own agent script: it knows nothing of FLOTILLA_ROLE (no planner, no reviewer role).
const NAIVE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/naive-agent.mjs");

test("a user's own script that knows no roles: Automatic planning falls back offline and says why, and the run completes unreviewed with the project's settings", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("own-agent");
  await registerProject(page, repo);

  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await page.getByLabel("Agent CLI").selectOption("custom");
  await page.getByLabel("Custom agent command").fill(`node ${NAIVE_AGENT}`);
  await page.getByLabel("Model (optional)").fill("my-model-1");
  await page.getByLabel("This machine is a sandbox (IS_SANDBOX=1)").check();
  await page.getByLabel("Stagger (seconds)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of own-agent/)).toBeVisible();

  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("Add a parser and a formatter");
  await expect(page.getByLabel("Planner")).toHaveValue("auto");
  await page.getByRole("button", { name: "Decompose" }).click();
  const notice = page
    .getByRole("status")
    .filter({ hasText: "gave no usable plan" })
    .or(page.getByText(/gave no usable plan/));
  await expect(notice.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/The offline planner made this plan instead/).first()).toBeVisible();
  // No test command in the settings: the plan page, the monitor and the report say there is no test gate.
  await expect(page.getByTestId("no-test-gate")).toContainText("no test gate");
  await snap(page, testInfo, "1-offline-fallback");
  await page.getByRole("button", { name: "Launch" }).click();

  for (const wp of ["WP-1", "WP-2"])
    await expect(page.getByTestId(`card-${wp}`)).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  await expect(page.getByTestId("card-WP-1").getByTestId("agent-version")).toHaveText("node");
  await page.getByText("Settings this run started with").click();
  const settings = page.getByTestId("run-settings");
  await expect(settings).toContainText("Custom command");
  await expect(settings).toContainText("my-model-1");
  await expect(settings).toContainText(/Sandbox \(IS_SANDBOX=1\)\s*yes/);
  await expect(settings).toContainText(/Review\s*off/);
  await expect(page.getByTestId("baseline")).toHaveText("No test gate: merges are not checked by tests");
  await expectAccessible(page);
  await snap(page, testInfo, "2-completed");
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByTestId("report-tests")).toHaveText("Tests: no test gate: nothing checked the merges");
  expect(problems).toEqual([]);
});
