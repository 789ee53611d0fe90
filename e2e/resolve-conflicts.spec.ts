// A conflict the agent could not resolve, in the browser: after 2 rounds a person sees the files,
// the worktree and a three-way view, and each of the three ways on works.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { git } from "./fixtures/git-repos";
import { expectAccessible, makeJsRepo, registerProject, snap, useCustomAgent, watchErrors } from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");

test("a person answers three conflicts: Resolve with agent, Retry fresh on the new branch, I resolved it", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("registry");
  const state = mkdtempSync(path.join(os.tmpdir(), "flotilla-e2e-state-"));
  await registerProject(page, repo);
  // Every package writes its own line into shared.txt; WP-1 finishes first and merges, the others
  // conflict with it. Their resolvers leave the markers (WP-2's only in its first two rounds).
  await useCustomAgent(
    page,
    repo,
    `node ${FAKE_AGENT} default=conflict resolve=leave-markers WP-2.resolve=leave-markers-twice WP-2.delay=1500 WP-3.delay=1500 WP-4.delay=1500 state=${state}`,
  );
  const wbs = {
    task: "Four owners of one file",
    created: "2026-12-01T10:00:00Z",
    work_packages: ["WP-1", "WP-2", "WP-3", "WP-4"].map((id, i) => ({
      id,
      name: `Owner ${id}`,
      scope: `Adds ${id}'s line`,
      expected_outputs: [`src/owner-${i + 1}.js`],
      dependencies: [],
      status: "pending",
    })),
  };
  const created = await page.request.post("/api/runs", {
    data: { repo, wbs, agent: "custom", staggerSeconds: 0, concurrency: 4, reviewMode: "off" },
  });
  expect(created.status()).toBe(201);
  const { runId } = (await created.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  for (const id of ["WP-2", "WP-3", "WP-4"])
    await expect(page.getByTestId(`card-${id}`)).toHaveAttribute("data-status", "conflicted", { timeout: 60_000 });
  await expect(page.getByTestId("card-WP-1")).toHaveAttribute("data-status", "merged");
  await expect(page.getByTestId("card-WP-4").getByTestId("card-conflict")).toHaveText(
    "Conflict in shared.txt with WP-1: 2 agent rounds so far",
  );

  // I resolved it: refused while markers remain, then accepted once the person fixed the file.
  await page.getByTestId("card-WP-4").click();
  const panel = page.getByTestId("conflict-panel");
  await expect(panel).toContainText("Conflict in shared.txt: the agent tried 2 times");
  const worktree = (await panel.getByTestId("conflict-worktree").textContent())!.trim();
  const threeWay = panel.getByTestId("three-way");
  await expect(threeWay.getByRole("figure").filter({ hasText: "Feature branch (with WP-1)" })).toContainText(
    "WP-1 owns this line",
  );
  await expect(threeWay.getByRole("figure").filter({ hasText: "This package (WP-4)" })).toContainText(
    "WP-4 owns this line",
  );
  await expect(threeWay.getByRole("figure").filter({ hasText: "Base (common ancestor)" })).toContainText("Not there");
  await expect(threeWay.locator("[data-marker]").first()).toContainText("<<<<<<<");
  await expectAccessible(page);
  await snap(page, testInfo, "conflict-panel");
  await page.getByRole("region", { name: "Details of WP-4" }).screenshot({ path: testInfo.outputPath("conflict.png") });
  // At phone size and in dark mode: readable, and the three-way view does not push the page sideways.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(threeWay.locator("[data-marker]").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await snap(page, testInfo, "conflict-panel-phone-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await panel.getByRole("button", { name: "I resolved it" }).click();
  await expect(panel.getByRole("alert")).toContainText("conflict markers remain in shared.txt");
  writeFileSync(path.join(worktree, "shared.txt"), "WP-1 owns this line\nWP-4 owns this line\n");
  await panel.getByRole("button", { name: "I resolved it" }).click();
  await expect(page.getByTestId("card-WP-4")).toHaveAttribute("data-status", "merged", { timeout: 30_000 });

  // Resolve with agent: a third round, which keeps both sides.
  await page.getByTestId("card-WP-2").click();
  await page.getByTestId("conflict-panel").getByRole("button", { name: "Resolve with agent" }).click();
  await expect(page.getByTestId("card-WP-2")).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  await expect(page.getByTestId("card-WP-2").getByTestId("card-conflict").last()).toContainText(
    "the agent resolved it in",
  );

  // Retry fresh: a new attempt from the feature branch as it is now, which merges cleanly.
  await page.getByTestId("card-WP-3").click();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("conflict-panel").getByRole("button", { name: "Retry fresh on the new branch" }).click();
  await expect(page.getByTestId("card-WP-3")).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  await expect(page.getByTestId("card-WP-3").getByTestId("card-conflict")).toContainText("retried fresh");

  // The run settles on the engine's next tick after the last merge.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/runs/${runId}`)).json()) as { status: string }).status)
    .toBe("completed");
  const status = (await (await page.request.get(`/api/runs/${runId}`)).json()) as {
    status: string;
    featureBranch: string;
    workPackages: Array<{ id: string; conflicts: Array<{ resolvedBy: string | null }> }>;
  };
  expect(status.workPackages.map((p) => [p.id, p.conflicts.map((c) => c.resolvedBy)])).toEqual([
    ["WP-1", []],
    ["WP-2", expect.arrayContaining(["agent"])],
    ["WP-3", ["fresh"]],
    ["WP-4", ["person"]],
  ]);
  // The report says how each conflict ended.
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("list", { name: "Conflicts of WP-4" })).toHaveText(
    "Conflict in shared.txt with WP-1: a person resolved it after 2 agent rounds",
  );
  await expect(page.getByRole("list", { name: "Conflicts of WP-3" })).toContainText("retried fresh");
  // WP-3's fresh attempt started from the feature branch as it was then, and (like this fake
  // agent always does) wrote the whole file anew on top of it.
  expect(git(repo, "show", `${status.featureBranch}:shared.txt`)).toBe("WP-3 owns this line\n");
  expect(problems).toEqual([]);
});
