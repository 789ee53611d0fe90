// Every page, in light and dark mode, at desktop (1440×900) and phone (390×844) size: axe finds
// no serious or critical violation (contrast included), and no page scrolls sideways.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { makeJsRepo, projectRow, registerProject, seriousViolations, snap, useCustomAgent } from "./fixtures/app";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");
const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const SCHEMES = ["light", "dark"] as const;

async function waitForRun(page: Page, runId: string, wanted: RegExp) {
  await expect
    .poll(async () => ((await (await page.request.get(`/api/runs/${runId}`)).json()) as { status: string }).status, {
      timeout: 60_000,
      intervals: [250],
    })
    .toMatch(wanted);
}

const plan = (task: string, ids: string[]) => ({
  task,
  created: "2026-12-01T10:00:00Z",
  work_packages: ids.map((id, i) => ({
    id,
    name: `Part ${id}`,
    scope: `Builds ${id}`,
    expected_outputs: [`src/part-${i + 1}.js`],
    dependencies: i === 2 ? [ids[0]] : [],
    status: "pending",
  })),
});

test("every page passes axe and fits the screen, light and dark, desktop and phone", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const good = makeJsRepo("every-page");
  const bad = makeJsRepo("every-page-failing");
  await registerProject(page, good);
  await registerProject(page, bad);
  await useCustomAgent(page, bad, `node ${FAKE_AGENT} WP-1=fail`);

  // A completed run (monitor, review, report), a failed one, and a plan waiting for launch.
  const start = async (repo: string, agent: string) => {
    const response = await page.request.post("/api/runs", {
      data: {
        repo,
        wbs: plan("Add search, filtering and sorting", ["WP-1", "WP-2", "WP-3"]),
        agent,
        staggerSeconds: 0,
      },
    });
    expect(response.status()).toBe(201);
    return ((await response.json()) as { runId: string }).runId;
  };
  const completed = await start(good, "demo");
  const failed = await start(bad, "custom");
  await waitForRun(page, completed, /^completed$/);
  await waitForRun(page, failed, /^failed$/);

  await page.goto("/");
  await projectRow(page, good)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("build a full authentication system with OAuth, RBAC, and audit logging");
  await page.getByLabel("Planner").selectOption("offline");
  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.getByTestId("dependency-graph")).toBeVisible();
  const planned = page.url();
  await page.goto("/");
  const href = async (name: RegExp) => (await projectRow(page, good).getByRole("link", { name }).getAttribute("href"))!;
  const newRun = await href(/New run/);
  const settings = await href(/Settings of/);

  const pages: Array<[string, string, (p: Page) => Promise<void>]> = [
    ["home", "/", (p) => expect(p.getByTestId("run-row").first()).toBeVisible()],
    ["new-run", newRun, (p) => expect(p.getByLabel("Compound task")).toBeVisible()],
    ["settings", settings, (p) => expect(p.getByLabel("Agent CLI")).toBeVisible()],
    [
      "plan",
      planned,
      (p) => expect(p.getByTestId("dependency-graph").locator(".react-flow__node").first()).toBeVisible(),
    ],
    ["monitor", `/runs/${completed}`, (p) => expect(p.getByTestId("run-progress")).toContainText("3 of 3")],
    [
      "monitor-failed",
      `/runs/${failed}`,
      (p) => expect(p.getByTestId("card-WP-1")).toHaveAttribute("data-status", "failed"),
    ],
    ["review", `/runs/${completed}/review`, (p) => expect(p.getByText("src/part-1.js").first()).toBeVisible()],
    ["report", `/runs/${completed}/report`, (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible()],
    ["runners", "/runners", (p) => expect(p.getByTestId("runner-card").first()).toBeVisible()],
  ];
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, url, ready] of pages) {
        await test.step(`${name}, ${scheme}, ${size.name}`, async () => {
          await page.goto(url);
          await ready(page);
          for (const v of await seriousViolations(page)) found.push(`${name}, ${scheme}, ${size.name}: ${v}`);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (overflow > 0) found.push(`${name}, ${scheme}, ${size.name}: scrolls sideways by ${overflow}px`);
          if (name === "plan" && scheme === "dark") {
            // Icon-only buttons axe cannot judge: the graph's zoom controls must be dark too.
            const background = await page
              .locator(".react-flow__controls-button")
              .first()
              .evaluate((b) => getComputedStyle(b).backgroundColor);
            if (background === "rgb(254, 254, 254)") found.push(`plan, dark, ${size.name}: light zoom controls`);
          }
          await snap(page, testInfo, `${name}-${scheme}-${size.name}`);
        });
      }
    }
  }
  // All at once, so one run lists every page to fix.
  expect(found).toEqual([]);
});
