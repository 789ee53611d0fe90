// A long log opens at its end (the last megabyte); the earlier output loads on request.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeJsRepo, watchErrors } from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");

test("a 2 MB log opens at its last line, and 'Load the earlier' shows all 30,000 lines", async ({ page, request }) => {
  const problems = watchErrors(page);
  const repo = makeJsRepo("logs");
  const wbs = (task: string) => ({
    task,
    work_packages: [
      { id: "WP-1", name: "Loud", scope: "Prints a lot", expected_outputs: ["src/loud.js"], dependencies: [] },
    ],
  });
  // The first (demo) run registers the project; then its agent becomes one with a long log.
  const first = await (
    await request.post("/api/runs", { data: { repo, wbs: wbs("register"), agent: "demo", staggerSeconds: 0 } })
  ).json();
  const { projectId } = (await (await request.get(`/api/runs/${first.runId}/state`)).json()).run;
  await request.post(`/api/runs/${first.runId}/cancel`);
  const settings = await request.put(`/api/projects/${projectId}/settings`, {
    data: { agent: "custom", customCommand: `node ${FAKE_AGENT} WP-1=big-log`, reviewMode: "off", staggerSeconds: 0 },
  });
  expect(settings.status()).toBe(200);
  const created = await request.post("/api/runs", { data: { projectId, wbs: wbs("a long log") } });
  expect(created.status()).toBe(201);
  const { runId } = await created.json();
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${runId}`)).json()).status, { timeout: 30_000 })
    .toBe("completed");

  await page.goto(`/runs/${runId}?wp=WP-1`);
  const log = page.getByTestId("log-scroller");
  await expect(log).toContainText("big-log line 29999 ");
  const earlier = page.getByRole("button", { name: /Load the earlier 1\.\d MB/ });
  await expect(earlier).toBeVisible();
  const shown = Number(await page.getByTestId("log-line-count").textContent());
  expect(shown).toBeGreaterThan(10_000);
  expect(shown).toBeLessThan(30_000);

  await earlier.click();
  // Every line: the 30,000 numbered ones and the agent's own first lines.
  await expect(page.getByTestId("log-line-count")).toHaveText(/^300\d\d$/);
  await expect(earlier).toBeHidden();
  await log.evaluate((el) => el.scrollTo(0, 0));
  await expect(log).toContainText("big-log line 0 ");
  expect(problems).toEqual([]);
});
