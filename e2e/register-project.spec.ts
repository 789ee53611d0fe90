import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { makeRepoShapes, type RepoShapes } from "./fixtures/git-repos";

let repos: RepoShapes;
test.beforeAll(() => {
  repos = makeRepoShapes();
});
test.afterAll(() => repos.cleanup());

/** Fails the test on any uncaught page error or console error. */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

async function submitPath(page: Page, value: string) {
  await page.getByLabel("Repository path").fill(value);
  await page.getByRole("button", { name: "Register project" }).click();
}

test("registers a real git repository and refuses every bad path with its own message", async ({ page }, testInfo) => {
  const problems = watchForErrors(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  // Other specs share this server's database: look for this test's own repository only.
  const row = page.getByTestId("project-row").filter({ hasText: repos.good });
  await expect(row).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });

  const pathError = page.locator("#field-path-error");
  const cases: Array<[string, string | RegExp]> = [
    ["", "Enter the path of a git repository on this machine"],
    ["relative/path", `"relative/path" is a relative path: enter the full path, starting with /`],
    [repos.missing, `Nothing exists at ${repos.missing}: check the spelling`],
    [repos.file, `${repos.file} is a file, not a folder`],
    [repos.plainFolder, `${repos.plainFolder} is not a git repository`],
    [repos.bare, `${repos.bare} is a bare repository (it has no working tree)`],
    [repos.noCommits, `${repos.noCommits} has no commits yet`],
  ];
  for (const [value, message] of cases) {
    await submitPath(page, value);
    await expect(pathError).toContainText(message);
    // What was typed stays, so the user can correct it.
    await expect(page.getByLabel("Repository path")).toHaveValue(value);
  }
  await page.screenshot({ path: testInfo.outputPath("home-error.png"), fullPage: true });

  // A base branch that does not exist is refused with the branches that do.
  await page.getByLabel("Base branch (optional)").fill("develop");
  await submitPath(page, repos.good);
  await expect(page.locator("#field-baseBranch-error")).toContainText('There is no branch "develop"');
  await expect(page.locator("#field-baseBranch-error")).toContainText("choose one of main");

  await page.getByLabel("Base branch (optional)").fill("");
  await submitPath(page, repos.good);
  await expect(page.getByText(`Registered good-repo (${repos.good}, base branch main)`)).toBeVisible();
  await expect(row).toContainText("good-repo");
  await expect(row).toContainText("main");
  await expect(page.getByLabel("Repository path")).toHaveValue("");

  // Registering it again (through a subfolder path, even) says it is already there.
  await submitPath(page, `${repos.good}/`);
  await expect(pathError).toContainText(`${repos.good} is already registered as project "good-repo"`);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: testInfo.outputPath("home-dark.png"), fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Remove good-repo" }).click();
  await expect(row).toHaveCount(0);
  expect(problems).toEqual([]);
});
