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

test("Retry failed at the top of the monitor retries every failed package at once", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("retry-all");
  const state = mkdtempSync(path.join(os.tmpdir(), "flotilla-fake-state-"));
  await registerProject(page, repo);
  await useCustomAgent(page, repo, `node ${FAKE_AGENT} default=fail-once state=${state}`);

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
  await expectAccessible(page);
  await snap(page, testInfo, "retry-failed-before");
  await page.getByRole("button", { name: "Retry failed" }).click();
  await expect(page.getByTestId("run-progress")).toContainText(/(\d+) of \1/, { timeout: 30_000 });
  for (const card of await page.locator('[data-testid^="card-WP-"]').all())
    await expect(card).toHaveAttribute("data-status", "merged");
  await expect(page.getByRole("button", { name: "Retry failed" })).toHaveCount(0);
  await snap(page, testInfo, "retry-failed-after");
  expect(problems).toEqual([]);
});
