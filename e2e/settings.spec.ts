import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

const NAIVE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/naive-agent.mjs");

async function expectShown(page: Page, shown: Record<string, string>) {
  for (const [label, value] of Object.entries(shown))
    await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
}

test("settings show what was saved, after the save and after a reload, and a second save keeps the first", async ({
  page,
}, testInfo) => {
  const problems = watchErrors(page);
  const repo = makeJsRepo("settings-kept");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();

  await page.getByLabel("Agent CLI").selectOption("codex");
  await expect(page.getByTestId("agent-capabilities")).toContainText("What Flotilla can do with Codex CLI");
  await expect(page.getByTestId("agent-capabilities")).toContainText(
    "Cost (available): its tokens at the model's price",
  );
  await page.getByLabel("Agent CLI").selectOption("custom");
  await page.getByLabel("Custom agent command").fill(`node ${NAIVE_AGENT}`);
  await page.getByLabel("Default review").selectOption("spec");
  await page.getByLabel("Permissions").selectOption("acceptEdits");
  // What Flotilla can do follows the agent chosen, before the save.
  await expect(page.getByTestId("agent-capabilities")).toContainText(
    "Cost (available): from the FLOTILLA_USAGE lines it prints",
  );
  await page.getByLabel("Model prices").fill("my-model 3 0.3 15; other 1 0.1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByLabel("Model prices")).toHaveAccessibleDescription(
    /Model prices, entry 2 \("other 1 0.1"\): write the model and three prices/,
  );
  await page.getByLabel("Model prices").fill("my-model 3 0.3 15");
  await page.getByLabel("Model (optional)").fill("my-model");
  await page.getByLabel("Concurrency").fill("5");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of settings-kept/)).toBeVisible();

  const saved = {
    "Agent CLI": "custom",
    "Default review": "spec",
    Permissions: "acceptEdits",
    "Model (optional)": "my-model",
    "Model prices": "my-model 3 0.3 15",
    Concurrency: "5",
  };
  await expectShown(page, saved);
  await page.reload();
  await expectShown(page, saved);

  // A second save that changes only the stagger keeps everything else.
  await page.getByLabel("Stagger (seconds)").fill("4");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of settings-kept/)).toBeVisible();
  await page.reload();
  await expectShown(page, { ...saved, "Stagger (seconds)": "4" });
  await snap(page, testInfo, "settings-kept");
  // The New run form starts from the project's default review.
  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await expect(page.getByLabel("Review", { exact: true })).toHaveValue("spec");
  expect(problems).toEqual([]);
});

test("settings propose the repository's own test command, and a person confirms it", async ({ page }) => {
  const problems = watchErrors(page);
  const repo = makeJsRepo("proposes-tests");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await expect(page.getByLabel("Test command", { exact: true })).toHaveValue("");
  await expect(page.getByTestId("test-command-proposal")).toContainText("Found npm test (package.json's test script)");
  await page.getByRole("button", { name: "Use npm test" }).click();
  await expect(page.getByLabel("Test command", { exact: true })).toHaveValue("npm test");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of proposes-tests/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Test command", { exact: true })).toHaveValue("npm test");
  await expect(page.getByTestId("test-command-proposal")).toHaveCount(0);
  expect(problems).toEqual([]);
});
