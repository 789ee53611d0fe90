// Spend and load in the browser: a package that reaches its cap stops with the reason on its card
// while the others go on; a package held back by the machine says "waiting for memory" with the
// figures; the run and a running package show what they spend a minute, and when the budget is
// reached at that rate; raising the cap retries the package it stopped.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, makeJsRepo, registerProject, snap, useCustomAgent, watchErrors } from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");

test("the cap per package, waiting for memory, and the burn rate", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("spend");
  await registerProject(page, repo);
  // WP-1 reports $0.80 as it starts (past its $0.50 cap); WP-2 works 25 s having spent $0.05 so far.
  await useCustomAgent(
    page,
    repo,
    `node ${FAKE_AGENT} WP-1.cost=0.8 WP-1.delay=20000 WP-2.cost=0.05 WP-2.delay=25000 WP-3.cost=0.01`,
  );
  const wbs = {
    task: "Spend and load",
    created: "2026-12-01T10:00:00Z",
    work_packages: ["WP-1", "WP-2", "WP-3"].map((id, i) => ({
      id,
      name: `Part ${i + 1}`,
      scope: `Builds part ${i + 1}`,
      expected_outputs: [`src/part-${i + 1}.js`],
      dependencies: [],
      status: "pending",
    })),
  };
  // No machine has a terabyte free: one agent runs at a time, and the next ones say why they wait.
  const created = await page.request.post("/api/runs", {
    data: {
      repo,
      wbs,
      agent: "custom",
      staggerSeconds: 0,
      concurrency: 3,
      reviewMode: "off",
      budgetUsd: 5,
      packageBudgetUsd: 0.5,
      minFreeMemoryMb: 1_000_000,
    },
  });
  expect(created.status()).toBe(201);
  const { runId } = (await created.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);

  const wp1 = page.getByTestId("card-WP-1");
  await expect(wp1).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(wp1.getByTestId("card-reason")).toHaveText(
    "Stopped at its cap of $0.50 per package (its agents spent $0.80). Raise the cap per package, then retry it.",
  );
  await expect(page.getByTestId("card-WP-2")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("card-WP-3").getByTestId("card-waiting-for-machine")).toHaveText(
    /^Waiting for memory: [\d,]+ MB free(, 1 agent still starting)?; 1,000,000 MB stay free and a new agent needs 1,024 MB$/,
  );
  await expect(page.getByTestId("card-WP-3")).toHaveAttribute("data-status", "pending");
  await expect(page.getByTestId("run-cost")).toContainText("cap $0.50 per package");

  // After 15 s of work, the rates show: WP-2's own, and the run's with the budget's forecast.
  await expect(page.getByTestId("card-WP-2").getByTestId("card-burn")).toHaveText(
    /^\$0\.\d+\/min · [\d.]+k? tokens\/min$/,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId("run-burn")).toContainText(
    /\$\d+\.\d+\/min · [\d.]+k? tokens\/min · budget reached in/,
  );
  await expectAccessible(page);
  await snap(page, testInfo, "spend-and-load");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("card-WP-3").getByTestId("card-waiting-for-machine")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await snap(page, testInfo, "spend-and-load-phone-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // A retry without a higher cap is refused with what to do; raising the cap retries WP-1.
  const refused = await page.request.post(`/api/runs/${runId}/work-packages/WP-1/retry`, { data: {} });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: string }).error).toContain("raise the cap before retrying it");
  await page.getByRole("button", { name: "Change cap per package" }).click();
  await page.getByLabel("Cap per package (USD, blank: no cap)").fill("2");
  await page.getByRole("button", { name: "Set cap" }).click();
  await expect(page.getByTestId("budget-notice")).toHaveText("Cap per package set to $2.00; WP-1 goes on");
  await expect(page.getByTestId("run-cost")).toContainText("cap $2.00 per package");
  for (const id of ["WP-1", "WP-2", "WP-3"])
    await expect(page.getByTestId(`card-${id}`)).toHaveAttribute("data-status", "merged", { timeout: 60_000 });
  // The run settles in the tick after the last merge, which the live page can show first.
  const runOf = async () =>
    (
      (await (await page.request.get(`/api/runs/${runId}/state`)).json()) as {
        run: { status: string; packageBudgetUsd: number };
      }
    ).run;
  await expect.poll(async () => (await runOf()).status).toBe("completed");
  expect(await runOf()).toMatchObject({ status: "completed", packageBudgetUsd: 2 });
  expect(problems).toEqual([]);
});
