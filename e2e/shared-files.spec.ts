import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  expectAccessible,
  makeJsRepo,
  openPackage,
  projectRow,
  registerProject,
  snap,
  watchErrors,
} from "./fixtures/app";
import { git } from "./fixtures/git-repos";

/** A repository whose plugins are listed in one barrel, src/plugins/index.js. */
function pluginRepo(): string {
  const repo = makeJsRepo("plugins");
  mkdirSync(path.join(repo, "src", "plugins"), { recursive: true });
  writeFileSync(path.join(repo, "src", "plugins", "index.js"), 'export * from "./csv.js";\n');
  writeFileSync(path.join(repo, "src", "plugins", "csv.js"), "export const csv = true;\n");
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "Plugins");
  return repo;
}

test("the plan warns about a file two parallel packages will both change, and offers both ways on", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const problems = watchErrors(page);
  const repo = pluginRepo();
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("Add a JSON exporter and a YAML exporter");
  await page.getByText("Custom", { exact: true }).click();
  await page.getByLabel("Custom number of work packages").fill("2");
  await page.getByLabel("Planner").selectOption("offline");
  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.getByText("2 packages in 1 wave")).toBeVisible();

  // Each package writes a plugin beside the barrel.
  for (const [id, file] of [
    ["WP-1", "src/plugins/json.js"],
    ["WP-2", "src/plugins/yaml.js"],
  ]) {
    await openPackage(page, id);
    await page.getByLabel(`Add a file path to ${id}`).fill(file);
    await page.keyboard.press("Enter");
  }
  const warning = page.getByTestId("shared-file-warning");
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText("WP-1 and WP-2 run in parallel and both write next to src/plugins/index.js");
  await expectAccessible(page);
  await snap(page, testInfo, "shared-file-warning");

  // One click makes WP-2 wait: the waves follow and the warning goes.
  await warning.getByRole("button", { name: "Make WP-2 wait for WP-1" }).click();
  await expect(page.getByText("2 packages in 2 waves")).toBeVisible();
  await expect(warning).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(warning).toHaveCount(1);

  // Or keep them parallel: the choice is saved with the plan.
  await warning.getByRole("button", { name: "Keep them parallel" }).click();
  await expect(warning).toHaveCount(0);
  await expect(page.getByText("2 packages in 1 wave")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Plan saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("dependency-graph")).toBeVisible();
  await expect(warning).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("POST /api/runs names the likely shared file in its warnings (the CLI prints the same)", async ({ page }) => {
  const repo = pluginRepo();
  const wbs = {
    task: "Add exporters",
    created: "2026-12-01T10:00:00Z",
    work_packages: ["json", "yaml"].map((name, i) => ({
      id: `WP-${i + 1}`,
      name,
      scope: `The ${name} exporter`,
      expected_outputs: [`src/plugins/${name}.js`],
      dependencies: [],
      status: "pending",
    })),
  };
  const run = await page.request.post("/api/runs", { data: { repo, wbs, agent: "demo", staggerSeconds: 0 } });
  expect(run.status()).toBe(201);
  expect(((await run.json()) as { warnings: string[] }).warnings).toContain(
    "WP-1 and WP-2 run in parallel and both write next to src/plugins/index.js, which lists its neighbours: both are likely to change it",
  );
});
