import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  expectAccessible,
  makeJsRepo,
  openPackage,
  projectRow,
  registerProject,
  snap,
  watchErrors,
} from "./fixtures/app";

const TASK = "build a full authentication system with OAuth, RBAC, and audit logging";

/** Drags a connection from a handle to a point of another element with the mouse, as a person does. */
async function drag(page: Page, from: Locator, to: Locator, at = { x: 0.5, y: 0.5 }) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * at.x, b.y + b.height * at.y, { steps: 12 });
  await page.mouse.up();
}

test("enter a task, decompose, edit the plan in its graph and side panel, then launch", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
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

  // Plan: the graph is the main surface; three packages in one wave, files in the repo's layout.
  const graph = page.getByTestId("dependency-graph");
  await expect(graph).toBeVisible();
  await expect(page.getByText("does not plan tasks, so the offline planner made this plan")).toBeVisible();
  await expect(graph.locator('.react-flow__node[data-id="WP-1"]')).toContainText("OAuth");
  await expect(graph.locator('.react-flow__node[data-id="WP-3"]')).toContainText("Audit logging");
  await expect(page.getByText("3 packages in 1 wave")).toBeVisible();
  // The estimate says when the first agents start, with the stagger.
  await expect(page.getByTestId("start-times")).toContainText("WP-1 starts at 0 s");
  await expect(page.getByTestId("start-times")).toContainText("12 s apart, up to 3 at once");
  await snap(page, testInfo, "2-plan");

  // A click on a package opens its whole editor in the side panel.
  await openPackage(page, "WP-1");
  await expect(page.getByLabel("Name of WP-1")).toHaveValue("OAuth");
  await page.getByLabel("Name of WP-1").fill("OAuth login");
  await expect(graph.locator('.react-flow__node[data-id="WP-1"]')).toContainText("OAuth login");
  await page.getByRole("button", { name: "Edit src/authentication/oauth.js (WP-1)" }).click();
  await page.getByLabel("Edit file path 1 of WP-1").fill("src/authentication/oauth-login.js");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Edit src/authentication/oauth-login.js (WP-1)" })).toBeVisible();

  // Drag from WP-1's handle and drop anywhere on WP-2 (not on its small handle): WP-2 waits for WP-1.
  const node = (id: string) => graph.locator(`.react-flow__node[data-id="${id}"]`);
  await drag(page, node("WP-1").locator(".react-flow__handle-right"), node("WP-2"), { x: 0.7, y: 0.3 });
  await expect(page.getByText("3 packages in 2 waves")).toBeVisible();
  await expect(node("WP-2")).toContainText("wave 2");

  // The keyboard way: the side panel adds a dependency; a focused arrow deletes with Delete.
  await openPackage(page, "WP-3");
  await page.getByLabel("Add a dependency to WP-3").selectOption("WP-1");
  await expect(node("WP-3")).toContainText("wave 2");
  await graph.locator('[data-testid="rf__edge-WP-1->WP-3"]').focus();
  await page.keyboard.press("Delete");
  await expect(node("WP-3")).toContainText("wave 1");
  await expect(node("WP-3")).toBeFocused();
  // A selected arrow deletes with Backspace as well.
  await page.getByLabel("Add a dependency to WP-3").selectOption("WP-1");
  await graph.locator('[data-testid="rf__edge-WP-1->WP-3"] .react-flow__edge-interaction').click({ force: true });
  await page.keyboard.press("Backspace");
  await expect(node("WP-3")).toContainText("wave 1");
  await openPackage(page, "WP-2");
  await expect(page.getByLabel("Remove dependency of WP-2 on WP-1")).toBeVisible();

  // An edge that would make a loop is refused, naming the loop.
  await drag(page, node("WP-2").locator(".react-flow__handle-right"), node("WP-1"));
  await expect(
    page.getByRole("alert").filter({ hasText: "WP-1 cannot depend on WP-2: that would make the loop" }),
  ).toBeVisible();
  await expect(page.getByText("3 packages in 2 waves")).toBeVisible();
  // A package opens from the keyboard too: focus it, press Enter.
  await node("WP-2").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Edit WP-2" })).toBeVisible();

  // Launch is disabled while the plan has an error; the reason beside it links to the field.
  await openPackage(page, "WP-3");
  await page.getByLabel("Name of WP-3").fill("");
  await expect(page.getByRole("button", { name: "Launch" })).toBeDisabled();
  await expect(page.getByRole("list", { name: "Plan errors" })).toContainText("WP-3: has no name");
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByTestId("launch-reasons").getByRole("link", { name: "WP-3: has no name" }).click();
  await expect(page.getByLabel("Name of WP-3")).toBeFocused();
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

  // Leaving by a link with unsaved edits asks first; saying no keeps the page and its edits.
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "Flotilla" }).click();
  expect(asked).toContain("unsaved changes");
  await expect(page.getByText("· unsaved changes")).toBeVisible();

  // The table, for bulk edits, fits 1440 px without sideways scrolling.
  await page.getByRole("tab", { name: "Table" }).click();
  const table = page.getByRole("table", { name: "Work packages" });
  await expect(table).toBeVisible();
  await expect(page.getByTestId("package-row-WP-2")).toContainText("Wave 2");
  const scroll = await table.evaluate((t) => ({
    width: t.parentElement!.scrollWidth,
    shown: t.parentElement!.clientWidth,
  }));
  expect(scroll.width).toBeLessThanOrEqual(scroll.shown);
  await snap(page, testInfo, "3-plan-table");

  // Save persists the edits.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Plan saved")).toBeVisible();
  await page.reload();
  await openPackage(page, "WP-1");
  await expect(page.getByLabel("Name of WP-1")).toHaveValue("OAuth login");
  await expect(node("WP-2")).toContainText("wave 2");

  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByRole("link", { name: "Monitor" })).toBeVisible();
  await expect(page.getByTestId("run-progress")).toContainText("3 of 3", { timeout: 45_000 });
  await expect(page.getByTestId("card-WP-1")).toHaveAttribute("data-status", "merged");
  await snap(page, testInfo, "4-monitor-done");
  expect(problems).toEqual([]);
});

test("a 10-package plan in 4 waves is readable at first sight, and an arrow that skips waves goes around", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const problems = watchErrors(page);
  const repo = makeJsRepo("ten");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page
    .getByLabel("Compound task")
    .fill("Build a shop with catalog, cart, checkout, payments, orders, users, search, reviews, shipping and admin");
  await page.getByText("Custom", { exact: true }).click();
  await page.getByLabel("Custom number of work packages").fill("10");
  await page.getByLabel("Planner").selectOption("offline");
  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.getByText("10 packages in 4 waves")).toBeVisible();

  // WP-10 (wave 4) waits for WP-1 (wave 1): its arrow passes waves 2 and 3.
  await openPackage(page, "WP-10");
  await page.getByLabel("Add a dependency to WP-10").selectOption("WP-1");
  await snap(page, testInfo, "plan-ten-packages-panel");
  await page.getByRole("button", { name: "Close" }).click();

  const graph = page.getByTestId("dependency-graph");
  const box = (await graph.boundingBox())!;
  for (const node of await graph.locator(".react-flow__node").all()) {
    const b = (await node.boundingBox())!;
    // Nothing clipped: every package lies inside the graph at first sight.
    expect(b.x).toBeGreaterThanOrEqual(box.x);
    expect(b.y).toBeGreaterThanOrEqual(box.y);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height);
    // Labels at least 12 px on screen.
    for (const text of await node.locator("p").all()) {
      const px = await text.evaluate((el) => el.getBoundingClientRect().height / el.getClientRects().length);
      const size = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(12);
      expect(px).toBeGreaterThanOrEqual(12);
    }
  }
  // The middle of the skipping arrow is the arrow itself (not a package over it), and it selects.
  const edge = graph.locator('[data-testid="rf__edge-WP-1->WP-10"]');
  const middle = await edge.locator("path.react-flow__edge-path").evaluate((path: SVGPathElement) => {
    const point = path.getPointAtLength(path.getTotalLength() / 2);
    const screen = point.matrixTransform(path.getScreenCTM()!);
    const hit = document.elementFromPoint(screen.x, screen.y);
    return { x: screen.x, y: screen.y, onEdge: !!hit?.closest('[data-testid="rf__edge-WP-1->WP-10"]') };
  });
  expect(middle.onEdge).toBe(true);
  await page.mouse.click(middle.x, middle.y);
  await expect(edge).toHaveClass(/selected/);
  await snap(page, testInfo, "plan-ten-packages");
  await expectAccessible(page);
  expect(problems).toEqual([]);
});

test("browser Back and reload keep the New run form's choices", async ({ page }) => {
  const repo = makeJsRepo("draft");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("Add search, filtering and sorting");
  await page.getByText("Custom", { exact: true }).click();
  await page.getByLabel("Custom number of work packages").fill("6");
  await page.getByText("Some dependencies", { exact: true }).click();
  await page.getByLabel("Budget (USD)").fill("4.5");
  await page.getByLabel("Planner").selectOption("offline");
  await page.reload();
  await expect(page.getByLabel("Compound task")).toHaveValue("Add search, filtering and sorting");
  await expect(page.getByLabel("Custom number of work packages")).toHaveValue("6");
  await expect(page.getByRole("radio", { name: "Some dependencies" })).toBeChecked();
  await expect(page.getByLabel("Budget (USD)")).toHaveValue("4.5");
  await expect(page.getByLabel("Planner")).toHaveValue("offline");

  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.getByTestId("dependency-graph")).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("Compound task")).toHaveValue("Add search, filtering and sorting");
  await expect(page.getByLabel("Custom number of work packages")).toHaveValue("6");
  await expect(page.getByLabel("Planner")).toHaveValue("offline");
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
  await expect(page.getByTestId("parallelism")).toContainText("Longest chain: 3 packages");
  await expect(page.getByText("This plan is a pure chain")).toBeVisible();

  await page.getByRole("button", { name: "Check the base's tests" }).click();
  await expect(page.getByTestId("base-check")).toContainText("cannot be told apart", { timeout: 30_000 });
  await snap(page, testInfo, "plan-red-base");
  await page.getByLabel("Run without the test gate").check();
  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("3 of 3", { timeout: 60_000 });
  expect(problems).toEqual([]);
});
