// The real Codex CLI in the dashboard: the server runs `codex exec --json` (the bundled copy)
// against a fake Responses API this test starts, through the custom model provider in the
// server's CODEX_HOME; Codex really applies the patches and runs the commands.
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_CODEX_HOME } from "../playwright.config";
import {
  addFilePatch,
  codexHome,
  startFakeResponsesApi,
  updateLinePatch,
  type FakeResponsesApi,
} from "../lib/testing/fake-responses-api";
import { git } from "./fixtures/git-repos";
import { expectAccessible, makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

let api: FakeResponsesApi;

test.beforeAll(async () => {
  api = await startFakeResponsesApi(
    {
      // WP-1 adds its module with a patch and runs the tests. WP-2 writes a draft, then the API
      // refuses until the thread is resumed, which finishes the draft.
      e2e: ({ turn, last, all }) => {
        const wp = /# Work Package (WP-\d+)/.exec(all)?.[1] ?? "WP-0";
        const file = `src/${wp.toLowerCase()}.js`;
        if (last.includes("Your previous attempt"))
          return { patch: updateLinePatch(file, 'export const state = "draft";', 'export const state = "final";') };
        if (turn === 0) return { patch: addFilePatch(file, 'export const state = "draft";') };
        if (wp === "WP-2")
          return last.includes(`M ${file}`)
            ? { text: "Finished the draft." }
            : { error: 400, message: "Context window exceeded." };
        if (turn === 1) return { command: "npm test" };
        return {
          text: `Added ${file} and ran the tests.`,
          usage: { input_tokens: 4000, cached_tokens: 1000, output_tokens: 300 },
        };
      },
    },
    // Any free port: the CODEX_HOME written below names it.
  );
  rmSync(E2E_CODEX_HOME, { recursive: true, force: true });
  codexHome(E2E_CODEX_HOME, api.url);
});
test.afterAll(() => api?.close());

test("Codex packages show their activity, tokens and cost; a failed one resumes its thread on retry", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("codex-greeter");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await page.getByLabel("Agent CLI").selectOption("codex");
  await expect(page.getByTestId("agent-capabilities")).toContainText("Resume on retry (available)");
  await page.getByLabel("Model (optional)").fill("gpt-5-codex");
  await page.getByLabel("Stagger (seconds)").fill("0");
  await page.getByLabel("Test command").fill("npm test");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of codex-greeter/)).toBeVisible();

  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill("Add a greeting module and a farewell module [[script:e2e]]");
  await page.getByText("Custom", { exact: true }).click();
  await page.getByLabel("Custom number of work packages").fill("2");
  await page.getByLabel("Planner").selectOption("offline");
  await page.getByLabel("Review", { exact: true }).selectOption("off");
  await page.getByRole("button", { name: "Decompose" }).click();
  await page.getByRole("button", { name: "Launch" }).click();

  // WP-1: the patch and the test command in the feed, then its tokens and cost.
  const wp1 = page.getByTestId("card-WP-1");
  await expect(wp1).toHaveAttribute("data-status", "merged", { timeout: 60_000 });
  await wp1.click();
  const feed1 = page.getByRole("list", { name: "Activity of WP-1" });
  await expect(feed1.getByTestId("activity-tool")).toHaveCount(2);
  await expect(feed1.getByTestId("activity-tool").first()).toContainText(/Add.*src\/wp-1\.js/);
  await expect(feed1.getByTestId("activity-tool").nth(1)).toContainText("Run npm test");
  await expect(feed1.getByTestId("activity-tool").nth(1).getByLabel("done")).toBeVisible();
  await expect(page.getByTestId("activity-summary")).toContainText(
    /\$0\.\d+.*6,000 in \/ 400 out tokens.*session [0-9a-f-]{36}/,
  );
  await expect(page.getByTestId("package-usage")).toContainText(/Cost \$0\.\d+/);
  await expect(wp1).not.toContainText('{"type"');
  await expect(page.getByTestId("run-settings")).toContainText("activity feed, cost, resume on retry");
  await snap(page, testInfo, "codex-activity");

  // WP-2: the API refuses; the reason says so in words.
  const wp2 = page.getByTestId("card-WP-2");
  await expect(wp2).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
  await wp2.click();
  await expect(page.getByTestId("status-reason")).toContainText("Codex reported an error: Context window exceeded.");
  await expect(page.getByRole("list", { name: "Activity of WP-2" }).getByTestId("activity-tool")).toContainText(
    /Add.*src\/wp-2\.js/,
  );
  await expectAccessible(page);

  // Retry, continuing the thread: the same worktree, the draft finished.
  await page.getByLabel("Continue its session").check();
  await page.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(wp2).toHaveAttribute("data-status", "merged", { timeout: 60_000 });
  const report = await (
    await page.request.get(page.url().replace(/\/runs\/([^/?#]+).*/, "/api/runs/$1/report?format=json"))
  ).json();
  expect(git(repo, "show", `${report.featureBranch as string}:src/wp-2.js`)).toBe('export const state = "final";\n');
  const resumed = api.requests.filter((r) => JSON.stringify(r.body.input).includes("Your previous attempt"));
  expect(JSON.stringify(resumed[0]?.body.input)).toContain("*** Add File: src/wp-2.js");
  expect(problems).toEqual([]);
});
