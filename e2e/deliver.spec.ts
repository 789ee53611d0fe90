// Delivering a completed run from the dashboard: Push to the project's remote (a bare repository
// here, fetched from a GitHub-style URL), then Open a pull request through the fake gh first on
// the server's PATH (e2e/fixtures/bin/gh, recording to E2E_FAKE_GH_LOG); a signed-out gh shows
// what to do; the API says the same; at 390 px in dark mode it reads without sideways scrolling.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_FAKE_GH_LOG } from "../playwright.config";
import { git } from "./fixtures/git-repos";
import { expectAccessible, makeJsRepo, snap, watchErrors } from "./fixtures/app";

const ghCalls = () =>
  existsSync(E2E_FAKE_GH_LOG)
    ? readFileSync(E2E_FAKE_GH_LOG, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { argv: string[]; body: string | null })
    : [];

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
}

test.beforeEach(() => {
  for (const file of [E2E_FAKE_GH_LOG, `${E2E_FAKE_GH_LOG}.prs.json`, `${E2E_FAKE_GH_LOG}.signed-out`])
    rmSync(file, { force: true });
});

test("a completed run: Push, then Open a pull request with the report; signed out says what to do", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("till");
  const bare = path.join(path.dirname(repo), "till.git");
  git(path.dirname(repo), "init", "-q", "--bare", bare);
  git(repo, "remote", "add", "origin", "https://github.com/acme/till.git");
  git(repo, "config", "remote.origin.pushurl", bare);

  const created = await request.post("/api/runs", {
    data: {
      repo,
      wbs: {
        task: "Add a receipt printer",
        created: "2026-12-01T10:00:00Z",
        work_packages: [
          {
            id: "WP-1",
            name: "Printer",
            scope: "Prints receipts",
            expected_outputs: ["src/printer.js"],
            dependencies: [],
            status: "pending",
          },
        ],
      },
      agent: "demo",
      staggerSeconds: 0,
    },
  });
  expect(created.status()).toBe(201);
  const { runId, featureBranch } = (await created.json()) as { runId: string; featureBranch: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { status: string }).status, {
      timeout: 45_000,
    })
    .toBe("completed");
  const tip = git(repo, "rev-parse", featureBranch).trim();

  // The report page: nothing delivered yet, then Push.
  await page.goto(`/runs/${runId}/report`);
  const panel = page.getByTestId("delivery-panel");
  await expect(panel.getByTestId("delivery-commit")).toHaveText("not pushed yet");
  await panel.getByRole("button", { name: "Push", exact: true }).click();
  await expect(panel.getByText(`Pushed ${tip.slice(0, 12)} to origin`)).toBeVisible();
  await expect(panel.getByTestId("delivery-commit")).toContainText(tip.slice(0, 12));
  await expect(panel.getByTestId("delivery-remote")).toContainText("https://github.com/acme/till.git");
  expect(git(bare, "rev-parse", featureBranch).trim()).toBe(tip);

  // A signed-out gh: the error says how to sign in, and stays on the panel.
  writeFileSync(`${E2E_FAKE_GH_LOG}.signed-out`, "");
  await panel.getByRole("button", { name: "Open a pull request" }).click();
  await expect(panel.getByTestId("delivery-error")).toContainText(
    "gh is installed but not signed in to github.com: run gh auth login",
  );
  rmSync(`${E2E_FAKE_GH_LOG}.signed-out`);

  // Signed in: the pull request opens with the report as its body, and its link is shown.
  await panel.getByRole("button", { name: "Open a pull request" }).click();
  const link = panel.getByRole("link", { name: /https:\/\/github\.com\/acme\/till\/pull\/1/ });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("href", "https://github.com/acme/till/pull/1");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(panel.getByTestId("delivery-error")).toHaveCount(0);
  const create = ghCalls().find((c) => c.argv[0] === "pr" && c.argv[1] === "create")!;
  expect(create.argv).toEqual(expect.arrayContaining(["--base", "main", "--head", featureBranch]));
  expect(create.argv).toEqual(expect.arrayContaining(["--title", "Add a receipt printer"]));
  expect(create.body).toContain("# Flotilla run report");
  expect(create.body).toContain("### WP-1: Printer — MERGED");
  await expectAccessible(page);
  await snap(page, testInfo, "deliver-report");

  // The API: the same record, and a second delivery reuses the open pull request.
  const again = await request.post(`/api/runs/${runId}/deliver`, { data: { push: true, pr: true } });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { delivery: unknown }).delivery).toMatchObject({
    pushedCommit: tip,
    pullRequest: { url: "https://github.com/acme/till/pull/1", reused: true },
  });
  const run = (await (await request.get(`/api/runs/${runId}`)).json()) as { delivery: unknown };
  expect(run.delivery).toMatchObject({ configuredRemote: "origin", pullRequest: { number: 1 } });
  const bad = await request.post(`/api/runs/${runId}/deliver`, { data: { push: "yes" } });
  expect(bad.status()).toBe(422);
  expect(ghCalls().filter((c) => c.argv[1] === "create")).toHaveLength(1);

  // The monitor shows the same panel; at phone width in dark mode it fits and passes axe.
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("delivery-panel").getByTestId("delivery-commit")).toContainText(tip.slice(0, 12));
  await expect(page.getByTestId("delivery-panel").getByRole("link", { name: /pull\/1/ })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await snap(page, testInfo, "deliver-monitor-390-dark");
  await page.goto(`/runs/${runId}/report`);
  await expect(page.getByTestId("delivery-panel")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await snap(page, testInfo, "deliver-report-390-dark");
  expect(problems).toEqual([]);
});
