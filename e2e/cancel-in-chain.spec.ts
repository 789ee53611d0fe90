import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, makeJsRepo, registerProject, snap, useCustomAgent, watchErrors } from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");

test("cancelling one package of a chain stops that chain only: the rest of the run goes on", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("chain");
  await registerProject(page, repo);
  // WP-1 hangs until cancelled; WP-2 waits for it; WP-3 → WP-4 goes on without them.
  await useCustomAgent(page, repo, `node ${FAKE_AGENT} WP-1=hang`);
  const wbs = {
    task: "Add search and export",
    created: "2026-12-01T10:00:00Z",
    work_packages: [
      ["WP-1", []],
      ["WP-2", ["WP-1"]],
      ["WP-3", []],
      ["WP-4", ["WP-3"]],
    ].map(([id, dependencies], i) => ({
      id,
      name: `Part ${id}`,
      scope: `Builds ${id}`,
      expected_outputs: [`src/part-${i + 1}.js`],
      dependencies,
      status: "pending",
    })),
  };
  const created = await page.request.post("/api/runs", {
    data: { repo, wbs, agent: "custom", staggerSeconds: 0, concurrency: 3 },
  });
  expect(created.status()).toBe(201);
  const { runId } = (await created.json()) as { runId: string };

  await page.goto(`/runs/${runId}`);
  const card = (id: string) => page.getByTestId(`card-${id}`);
  await expect(card("WP-1")).toHaveAttribute("data-status", "running", { timeout: 30_000 });
  // The page has hydrated once a click selects a card (the server's HTML already says "running").
  await expect(async () => {
    await card("WP-3").click();
    await expect(card("WP-3")).toHaveAttribute("aria-pressed", "true", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await card("WP-1").click();
  await expect(card("WP-1")).toHaveAttribute("aria-pressed", "true");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Cancel package" }).click();
  await expect(card("WP-1")).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
  await expect(card("WP-2")).toHaveAttribute("data-status", "blocked");
  // The other chain still merges, and only then does the run stop, asking for WP-1.
  await expect(card("WP-4")).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  await expect(card("WP-3")).toHaveAttribute("data-status", "merged");
  await expect(page.getByText("retry WP-1 to finish the run")).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, "cancel-in-chain");
  expect(problems).toEqual([]);
});
