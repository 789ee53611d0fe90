import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, makeJsRepo, registerProject, snap, useCustomAgent, watchErrors } from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");

test("the monitor predicts a conflict on both cards before the merge train reaches them", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("predict");
  await registerProject(page, repo);
  // WP-1 and WP-2 both write their own line into shared.txt; a person approves each merge.
  await useCustomAgent(page, repo, `node ${FAKE_AGENT} WP-1=conflict WP-2=conflict`);
  const wbs = {
    task: "Add two owners",
    created: "2026-12-01T10:00:00Z",
    work_packages: ["WP-1", "WP-2"].map((id, i) => ({
      id,
      name: `Part ${id}`,
      scope: `Builds ${id}`,
      expected_outputs: [`src/part-${i + 1}.js`],
      dependencies: [],
      status: "pending",
    })),
  };
  const created = await page.request.post("/api/runs", {
    data: { repo, wbs, agent: "custom", staggerSeconds: 0, reviewMode: "human" },
  });
  expect(created.status()).toBe(201);
  const { runId } = (await created.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  for (const [id, other] of [
    ["WP-1", "WP-2"],
    ["WP-2", "WP-1"],
  ]) {
    await expect(page.getByTestId(`card-${id}`).getByTestId("card-predicted-conflict")).toHaveText(
      `Predicted: conflicts with ${other} in shared.txt`,
      { timeout: 30_000 },
    );
  }
  await expectAccessible(page);
  await snap(page, testInfo, "predicted-conflict");
  await page.getByRole("region", { name: "Wave 1" }).screenshot({ path: testInfo.outputPath("predicted-cards.png") });
  const status = (await (await page.request.get(`/api/runs/${runId}`)).json()) as {
    workPackages: Array<{ id: string; predictedConflicts: Array<{ with: string | null; files: string[] }> }>;
  };
  expect(status.workPackages.map((p) => [p.id, p.predictedConflicts])).toEqual([
    ["WP-1", [{ with: "WP-2", files: ["shared.txt"] }]],
    ["WP-2", [{ with: "WP-1", files: ["shared.txt"] }]],
  ]);
  expect(problems).toEqual([]);
});
