// The real Claude Code CLI in the dashboard: the server runs `claude -p` (the bundled 2.1.197)
// against a fake Messages API this test starts; the CLI really writes and edits the worktree.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_FAKE_API_PORT } from "../playwright.config";
import { startFakeAnthropicApi, type FakeAnthropicApi, type Step } from "../lib/testing/fake-anthropic-api";
import { git } from "./fixtures/git-repos";
import { expectAccessible, makeJsRepo, projectRow, registerProject, snap, watchErrors } from "./fixtures/app";

const done = (text: string): Step => ({ text });

let api: FakeAnthropicApi;
let budgetRunsOfWp2 = 0;
const wp2Running = path.join(mkdtempSync(path.join(os.tmpdir(), "flotilla-e2e-budget-")), "wp-2-running");

test.beforeAll(async () => {
  api = await startFakeAnthropicApi(
    {
      // WP-2 starts a long command the first time (the budget stops it) and finishes at once after
      // the budget is raised. WP-1 waits until WP-2's command runs, then costs about $2.
      budget: (t) => {
        const wp = /# Work Package (WP-\d+)/.exec(t.firstUser)?.[1] ?? "WP-0";
        const file = `${t.cwd}/src/${wp.toLowerCase()}.js`;
        const writeIt: Step = {
          tools: [{ name: "Write", input: { file_path: file, content: "export const done = true;\n" } }],
        };
        const bash = (command: string): Step => ({
          tools: [{ name: "Bash", input: { command, description: "Work" } }],
        });
        if (wp === "WP-1") {
          if (t.turn === 0) return bash(`while [ ! -e ${wp2Running} ]; do sleep 0.1; done`);
          return t.turn === 1
            ? writeIt
            : { text: "Done, expensively.", usage: { input_tokens: 400_000, output_tokens: 1_000 } };
        }
        if (t.turn === 0) return ++budgetRunsOfWp2 === 1 ? bash(`touch ${wp2Running} && sleep 60`) : writeIt;
        return done("Done.");
      },
      // Reviewers approve. WP-1 writes, edits and runs the tests. WP-2 writes a draft, then the API
      // fails until the session is continued, which finishes the draft.
      e2e: (t) => {
        if (/reviewer of one work package/.test(t.firstUser)) return done('{ "verdict": "approve", "issues": [] }');
        const wp = /# Work Package (WP-\d+)/.exec(t.firstUser)?.[1] ?? "WP-0";
        const file = `${t.cwd}/src/${wp.toLowerCase()}.js`;
        const edit: Step = {
          tools: [{ name: "Edit", input: { file_path: file, old_string: "draft", new_string: "final" } }],
        };
        if (t.lastUser.includes("Your previous attempt")) return edit;
        if (t.turn === 0)
          return {
            text: `Writing ${wp}.`,
            tools: [{ name: "Write", input: { file_path: file, content: 'export const state = "draft";\n' } }],
          };
        if (wp === "WP-2")
          return t.lastUser.includes("has been updated")
            ? done("Finished the draft.")
            : { error: 500, message: "Internal server error" };
        if (t.lastUser.includes("File created")) return edit;
        if (t.lastUser.includes("has been updated"))
          return { tools: [{ name: "Bash", input: { command: "npm test", description: "Run the tests" } }] };
        return done(`Wrote src/${wp.toLowerCase()}.js and ran the tests.`);
      },
    },
    E2E_FAKE_API_PORT,
  );
});
test.afterAll(() => api?.close());

/** Registers a repository and opens its settings with Claude Code chosen (a sandbox, so it may
 * skip permissions as root) and no stagger; the caller saves. */
async function claudeProject(page: Page, name: string): Promise<string> {
  const repo = makeJsRepo(name);
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await page.getByLabel("Agent CLI").selectOption("claude");
  await page.getByLabel("This machine is a sandbox (IS_SANDBOX=1)").check();
  await page.getByLabel("Stagger (seconds)").fill("0");
  return repo;
}

/** The New run form with a task, two packages and the offline planner; the caller decomposes. */
async function newTwoPackageRun(page: Page, repo: string, task: string): Promise<void> {
  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill(task);
  await page.getByText("Custom", { exact: true }).click();
  await page.getByLabel("Custom number of work packages").fill("2");
  await page.getByLabel("Planner").selectOption("offline");
}

test("Claude Code packages show live activity, cost and session; a failed one continues its session on retry", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const problems = watchErrors(page);
  // Settings: Claude Code, the tests, a budget.
  const repo = await claudeProject(page, "greeter");
  await page.getByLabel("Test command").fill("npm test");
  await page.getByLabel("Budget per run (USD)").fill("five dollars");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("#field-budgetUsd-error")).toContainText("The budget must be an amount in dollars");
  await page.getByLabel("Budget per run (USD)").fill("5");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of greeter/)).toBeVisible();

  // A two-package plan from the offline planner; the budget defaults to the project's.
  await newTwoPackageRun(page, repo, "Add a greeting module and a farewell module [[script:e2e]]");
  await expect(page.getByLabel("Budget (USD)")).toHaveValue("5");
  await page.getByRole("button", { name: "Decompose" }).click();
  await page.getByRole("button", { name: "Launch" }).click();

  // WP-1: the activity feed lists each tool call with its outcome, then the cost and session.
  const wp1 = page.getByTestId("card-WP-1");
  await wp1.click();
  const feed1 = page.getByRole("list", { name: "Activity of WP-1" });
  await expect(feed1.getByTestId("activity-tool").first()).toContainText(/Write.*src\/wp-1\.js/);
  await expect(wp1).toHaveAttribute("data-status", "merged", { timeout: 60_000 });
  await page.getByLabel("Attempt to show for WP-1").selectOption("1");
  await expect(feed1.getByTestId("activity-tool")).toHaveCount(3);
  await expect(feed1.getByTestId("activity-tool").nth(1)).toContainText("Edit");
  await expect(feed1.getByTestId("activity-tool").nth(2)).toContainText("Bash npm test");
  await expect(feed1.getByTestId("activity-tool").nth(2).getByLabel("done")).toBeVisible();
  await expect(feed1.getByTestId("activity-result")).toContainText("Finished after 4 turns");
  await expect(page.getByTestId("activity-summary")).toContainText(
    /\$0\.\d+.*in \/ .* out tokens.*session [0-9a-f-]{36}/,
  );
  await expect(page.getByTestId("package-usage")).toContainText(/Cost \$0\.\d+/);
  // The card shows what the agent (its last reviewer) did last in words, never raw stream-json.
  await expect(wp1).toContainText("done after 1 turn");
  await expect(wp1).not.toContainText('{"type"');
  await snap(page, testInfo, "claude-activity");

  // WP-2: the API fails; the reason says so in words, and the retry shows in the feed.
  const wp2 = page.getByTestId("card-WP-2");
  await expect(wp2).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
  await wp2.click();
  await expect(page.getByTestId("status-reason")).toContainText("API error 500 after 1 retry: Internal server error");
  const feed2 = page.getByRole("list", { name: "Activity of WP-2" });
  await expect(feed2.getByTestId("activity-retry")).toContainText("API retry 1 of 1: 500");
  await expect(feed2.getByTestId("activity-tool")).toContainText(/Write.*src\/wp-2\.js/);

  // The budget shows against the cost and can change while the run can still spend.
  await expect(page.getByTestId("run-cost")).toContainText(/Cost \$0\.\d+ of \$5\.00 budget/);
  await page.getByRole("button", { name: "Change budget" }).click();
  await page.getByLabel("New budget (USD, blank: no limit)").fill("12");
  await page.getByRole("button", { name: "Set budget" }).click();
  await expect(page.getByTestId("run-cost")).toContainText("of $12.00 budget");
  await expectAccessible(page);

  // Retry, continuing the session: the same worktree, the draft edited to its final form.
  await page.getByLabel("Continue its session").check();
  await page.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(wp2).toHaveAttribute("data-status", "merged", { timeout: 60_000 });
  await expect(page.getByTestId("run-progress")).toContainText("2 of 2");
  const run = await (
    await page.request.get(page.url().replace(/\/runs\/([^/?#]+).*/, "/api/runs/$1/report?format=json"))
  ).json();
  const featureBranch = run.featureBranch as string;
  expect(git(repo, "show", `${featureBranch}:src/wp-2.js`)).toBe('export const state = "final";\n');
  expect(run.costUsd).toBeGreaterThan(0);
  expect(
    run.workPackages.map((p: { id: string; sessionId: string | null; costUsd: number | null }) => [
      p.id,
      typeof p.sessionId,
      p.costUsd! > 0,
    ]),
  ).toEqual([
    ["WP-1", "string", true],
    ["WP-2", "string", true],
  ]);

  // The report shows the cost of each package and of the run.
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("article", { name: /WP-2/ })).toContainText(
    /\$0\.\d+ · .* in \/ .* out tokens · session/,
  );
  await expect(page.getByLabel("Totals")).toContainText(/Cost\$0\.\d+ \/ \$12\.00/);
  await snap(page, testInfo, "claude-report");
  expect(problems).toEqual([]);
});

test("a run stops at its budget, says why, and goes on when the budget is raised", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = await claudeProject(page, "spender");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of spender/)).toBeVisible();

  await newTwoPackageRun(page, repo, "Add a cache and a queue [[script:budget]]");
  await page.getByLabel("Review", { exact: true }).selectOption("off");
  await page.getByLabel("Budget (USD)").fill("-3");
  await page.getByRole("button", { name: "Decompose" }).click();
  await expect(page.locator("#budget-error")).toContainText("The budget must be an amount in dollars");
  // Nothing else the user chose is lost with the error.
  await expect(page.getByLabel("Planner")).toHaveValue("offline");
  await expect(page.getByLabel("Review", { exact: true })).toHaveValue("off");
  await expect(page.getByLabel("Custom number of work packages")).toHaveValue("2");
  await expect(page.getByLabel("Compound task")).toHaveValue("Add a cache and a queue [[script:budget]]");
  await page.getByLabel("Budget (USD)").fill("1");
  await page.getByRole("button", { name: "Decompose" }).click();
  await page.getByRole("button", { name: "Launch" }).click();

  // WP-1's last turn costs about $2 while WP-2 runs a command: Claude Code stops WP-1 at what was
  // left of the budget, Flotilla stops WP-2, and the run says so.
  await expect(
    page.getByText(
      /The run's budget of \$1\.00 was reached \(\$\d+\.\d\d spent\): stopped WP-1, WP-2\. Raise the budget and resume to finish it\./,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("card-WP-1")).toHaveAttribute("data-status", "cancelled");
  await page.getByTestId("card-WP-2").click();
  await expect(page.getByTestId("status-reason")).toContainText("Stopped: The run's budget of $1.00 was reached");
  // The command it was running when stopped never finished.
  await expect(
    page.getByRole("list", { name: "Activity of WP-2" }).getByTestId("activity-tool").getByLabel("did not finish"),
  ).toBeVisible();
  await snap(page, testInfo, "budget-stopped");
  await expectAccessible(page);

  // A budget below what was spent is refused; a higher one lets the run finish.
  const newBudget = page.getByLabel("New budget (USD, blank: no limit)");
  await newBudget.fill("1.50");
  await page.getByRole("button", { name: "Raise budget and continue" }).click();
  await expect(page.getByText(/This run has already spent \$\d+\.\d\d: give a budget above that/)).toBeVisible();
  await newBudget.fill("50");
  await page.getByRole("button", { name: "Raise budget and continue" }).click();
  await expect(page.getByTestId("card-WP-2")).toHaveAttribute("data-status", "merged", { timeout: 60_000 });
  await expect(page.getByTestId("run-progress")).toContainText("2 of 2");
  await expect(page.getByTestId("run-cost")).toContainText("of $50.00 budget");
  expect(problems).toEqual([]);
});
