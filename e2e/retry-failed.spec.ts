import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  expectAccessible,
  makeJsRepo,
  projectRow,
  registerProject,
  snap,
  useCustomAgent,
  watchErrors,
} from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");

test("a failed card says why; Retry failed at the top of the monitor retries every failed package at once", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("retry-all");
  const state = mkdtempSync(path.join(os.tmpdir(), "flotilla-fake-state-"));
  await registerProject(page, repo);
  await useCustomAgent(page, repo, `node ${FAKE_AGENT} WP-1=fail-once state=${state}`);

  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("Add search, filtering and sorting");
  await page.getByLabel("Planner").selectOption("offline");
  await page.getByRole("button", { name: "Decompose" }).click();
  await page.getByRole("button", { name: "Launch" }).click();

  const alert = page.getByText(/did not merge; retry/);
  await expect(alert).toBeVisible({ timeout: 30_000 });
  // A failed card says why in words and shows the agent's own last error lines, with the exit code.
  const failed = page.getByTestId("card-WP-1");
  await expect(failed).toHaveAttribute("data-status", "failed");
  await expect(failed.getByTestId("card-reason")).toHaveText("The agent exited with code 1");
  await expect(failed.getByTestId("card-error-lines")).toHaveText("first try fails");
  await expect(failed.getByLabel("Last error lines, exit code 1")).toBeVisible();
  // Nobody picked a package: the details follow the first one that needs a person.
  await expect(page.getByRole("region", { name: "Details of WP-1" })).toBeVisible();
  // A package a person picks stays picked.
  await page.getByTestId("card-WP-2").click();
  await expect(page.getByRole("region", { name: "Details of WP-2" })).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, "retry-failed-before");
  // The report shows the same error lines, not only the end of the log behind a fold.
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByLabel("Last error output of WP-1")).toHaveText("first try fails");
  await page.getByRole("link", { name: "Monitor" }).click();
  await page.getByRole("button", { name: "Retry failed" }).click();
  await expect(page.getByTestId("run-progress")).toContainText(/(\d+) of \1/, { timeout: 30_000 });
  for (const card of await page.locator('[data-testid^="card-WP-"]').all())
    await expect(card).toHaveAttribute("data-status", "merged");
  await expect(page.getByRole("button", { name: "Retry failed" })).toHaveCount(0);
  await snap(page, testInfo, "retry-failed-after");
  expect(problems).toEqual([]);
});
