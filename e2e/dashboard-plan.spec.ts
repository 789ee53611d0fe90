import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

const TASK = "build a full authentication system with OAuth, RBAC, and audit logging";

/** Drags a connection from one handle to another with the mouse, as a person does. */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

test("enter a task, decompose, edit the plan and its graph, then launch", async ({ page }, testInfo) => {
  const problems = watchErrors(page);
  const repo = makeJsRepo();
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();

  // New run: an empty task is refused next to the form.
  await expect(page.getByRole("heading", { name: "New run" })).toBeVisible();
  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.locator("#task-error")).toContainText("cannot be empty");
  await expectAccessible(page);
  await snap(page, testInfo, "1-new-run");

  await page.getByLabel("Compound task").fill(TASK);
  await page.getByRole("button", { name: "Decompose" }).click();

  // Plan: three packages in one wave, with files in the repository's own layout.
  await expect(page.getByRole("table", { name: "Work packages" })).toBeVisible();
  await expect(page.getByText("No agent CLI is configured")).toBeVisible();
  await expect(page.getByLabel("Name of WP-1")).toHaveValue("OAuth");
  await expect(page.getByLabel("Name of WP-3")).toHaveValue("Audit logging");
  await expect(page.getByRole("button", { name: "Edit src/authentication/oauth.js (WP-1)" })).toBeVisible();
  await expect(page.getByText("3 package(s) in 1 wave(s)")).toBeVisible();
  await snap(page, testInfo, "2-plan");

  // Edit a name and a file path.
  await page.getByLabel("Name of WP-1").fill("OAuth login");
  await page.getByRole("button", { name: "Edit src/authentication/oauth.js (WP-1)" }).click();
  await page.getByLabel("Edit file path 1 of WP-1").fill("src/authentication/oauth-login.js");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Edit src/authentication/oauth-login.js (WP-1)" })).toBeVisible();

  // Add a dependency by dragging in the graph: WP-2 waits for WP-1.
  const graph = page.getByTestId("dependency-graph");
  const handle = (id: string, side: "left" | "right") =>
    graph.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle-${side}`);
  await drag(page, handle("WP-1", "right"), handle("WP-2", "left"));
  await expect(page.getByText("3 package(s) in 2 wave(s)")).toBeVisible();
  await expect(page.getByTestId("package-row-WP-2")).toContainText("Wave 2");

  // Add another from the table (keyboard path), then remove it in the graph with Delete.
  await page.getByLabel("Add a dependency to WP-3").selectOption("WP-1");
  await expect(page.getByTestId("package-row-WP-3")).toContainText("Wave 2");
  await graph.locator('[data-testid="rf__edge-WP-1->WP-3"] .react-flow__edge-interaction').click({ force: true });
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("package-row-WP-3")).toContainText("Wave 1");
  await expect(page.getByLabel("Remove dependency of WP-2 on WP-1")).toBeVisible();

  // An edge that would make a loop is refused, naming the loop.
  await drag(page, handle("WP-2", "right"), handle("WP-1", "left"));
  await expect(
    page.getByRole("alert").filter({ hasText: "WP-1 cannot depend on WP-2: that would make the loop" }),
  ).toBeVisible();
  await expect(page.getByText("3 package(s) in 2 wave(s)")).toBeVisible();

  // Launch is disabled, with the reason, while the plan has an error; undo fixes it.
  await page.getByLabel("Name of WP-3").fill("");
  await expect(page.getByRole("button", { name: "Launch" })).toBeDisabled();
  await expect(page.getByRole("list", { name: "Plan errors" })).toContainText("WP-3: has no name");
  await snap(page, testInfo, "3-plan-invalid");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("Name of WP-3")).toHaveValue("Audit logging");
  // Redo brings the edit back (button, then Ctrl+Z and Ctrl+Y from the keyboard), and undo again.
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByLabel("Name of WP-3")).toHaveValue("");
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Name of WP-3")).toHaveValue("Audit logging");
  await page.keyboard.press("Control+y");
  await expect(page.getByLabel("Name of WP-3")).toHaveValue("");
  await page.keyboard.press("Control+Shift+z");
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Name of WP-3")).toHaveValue("Audit logging");
  await expect(page.getByRole("button", { name: "Redo" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Launch" })).toBeEnabled();
  await expectAccessible(page);

  // Save persists the edits.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Plan saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Name of WP-1")).toHaveValue("OAuth login");
  await expect(page.getByTestId("package-row-WP-2")).toContainText("Wave 2");

  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByRole("link", { name: "Monitor" })).toBeVisible();
  await expect(page.getByTestId("run-progress")).toContainText("3 of 3", { timeout: 45_000 });
  await expect(page.getByTestId("card-WP-1")).toHaveAttribute("data-status", "merged");
  await snap(page, testInfo, "4-monitor-done");
  expect(problems).toEqual([]);
});

test("the plan page says what parallelism gains, warns about a red base, and launches without the gate", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("legacy");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await page.getByLabel("Test command").fill("node -e process.exit(1)");
  await page.getByLabel("Stagger (seconds)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings/)).toBeVisible();

  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page
    .getByLabel("Compound task")
    .fill("Add a REST API for orders. Store orders in Postgres. Send an email when an order ships.");
  await page.getByText("Sequential", { exact: true }).click();
  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.getByTestId("parallelism")).toContainText("Longest chain: 3 package(s)");
  await expect(page.getByText("This plan is a pure chain")).toBeVisible();

  await page.getByRole("button", { name: "Check the base's tests" }).click();
  await expect(page.getByTestId("base-check")).toContainText("cannot be told apart", { timeout: 30_000 });
  await snap(page, testInfo, "plan-red-base");
  await page.getByLabel("Run without the test gate").check();
  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("3 of 3", { timeout: 60_000 });
  expect(problems).toEqual([]);
});
