import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_DIST_DIR, E2E_FAKE_KEY } from "../playwright.config";
import { expectAccessible, makeJsRepo, openPackage, projectRow, registerProject, snap } from "./fixtures/app";
import { git } from "./fixtures/git-repos";

const FAKE_AGENT = path.resolve(import.meta.dirname, "fixtures/agents/fake-agent.mjs");
const port = new URL(E2E_BASE_URL).port;

/** A raw request with a chosen Host header (fetch clients do not let one set it). */
function rawRequest(pathname: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

test("HTTP: cross-site, foreign Host, text/plain and path tricks are refused, and nothing runs", async ({
  request,
}) => {
  const repo = makeJsRepo("victim");
  const wbs = {
    task: "t",
    work_packages: [{ id: "WP-1", name: "n", scope: "s", expected_outputs: ["src/a.js"], dependencies: [] }],
  };

  const crossSite = await request.post("/api/runs", {
    headers: { origin: "http://evil.example" },
    data: { repo, wbs, agent: "demo" },
  });
  expect(crossSite.status()).toBe(403);
  const crossSiteReferer = await request.post("/api/runs", {
    headers: { referer: "http://evil.example/page" },
    data: { repo, wbs, agent: "demo" },
  });
  expect(crossSiteReferer.status()).toBe(403);
  // A forged server action from another site's page.
  const action = await request.post("/", {
    headers: { origin: "http://evil.example", "next-action": "0123456789abcdef", "content-type": "text/plain" },
    data: "[]",
  });
  expect(action.status()).toBe(403);
  const plain = await request.post("/api/runs", {
    headers: { "content-type": "text/plain" },
    data: JSON.stringify({ repo, wbs }),
  });
  expect(plain.status()).toBe(415);
  expect(git(repo, "branch", "--list", "flotilla/*").trim()).toBe("");

  // DNS rebinding: a hostile name that resolves to 127.0.0.1 gets nowhere.
  expect(await rawRequest("/", "evil.example")).toBe(421);
  expect(await rawRequest("/api/runs/x/state", `evil.example:${port}`)).toBe(421);
  expect(await rawRequest("/", `127.0.0.1:${port}`)).toBe(200);

  // File-serving endpoints never serve a path from the request.
  for (const id of ["..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "x%00y"]) {
    for (const suffix of ["state", "diff", "report?format=md", "work-packages/WP-1/log", "work-packages/WP-1/diff"]) {
      const response = await request.get(`/api/runs/${id}/${suffix}`);
      expect([400, 404], `${id}/${suffix}`).toContain(response.status());
      expect(await response.text()).not.toContain("root:");
    }
  }
  const created = await request.post("/api/runs", { data: { repo, wbs, agent: "demo", staggerSeconds: 0 } });
  const { runId } = await created.json();
  for (const wp of ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "WP-1%00"]) {
    const response = await request.get(`/api/runs/${runId}/work-packages/${wp}/log`);
    expect([400, 404]).toContain(response.status());
  }
  expect((await request.get(`/api/runs/${runId}/work-packages/WP-1/log?offset=-5`)).status()).toBe(400);
  expect((await request.get(`/api/runs/${runId}/work-packages/WP-1/log?attempt=../../x`)).status()).toBe(400);
  expect((await request.get(`/api/runs/${runId}/report?format=../../etc/passwd`)).status()).toBe(400);
  expect(
    (
      await request.post("/api/runs", {
        data: { repo, wbs, agent: "demo", agentSettings: { customCommand: "touch /tmp/x" } },
      })
    ).status(),
  ).toBe(422);
});

test("browser: markup in task, names, logs and diffs is shown as text; shell text runs nothing; the key stays masked", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  const pwned = ["/tmp/flotilla-pwned-1", "/tmp/flotilla-pwned-2"];
  pwned.forEach((f) => rmSync(f, { force: true }));

  const repo = makeJsRepo("webapp");
  await registerProject(page, repo);
  await projectRow(page, repo)
    .getByRole("link", { name: /Settings of/ })
    .click();
  await page.getByLabel("Agent CLI").selectOption("custom");
  await page.getByLabel("Custom agent command").fill(`node ${FAKE_AGENT} default=xss print-env=ANTHROPIC_API_KEY`);
  await page.getByLabel("Stagger (seconds)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings/)).toBeVisible();

  const task =
    "Build search <img src=x onerror=alert('task')> and paging; rm -rf ~/x $(touch /tmp/flotilla-pwned-1) `touch /tmp/flotilla-pwned-2`";
  await page.goto("/");
  await projectRow(page, repo)
    .getByRole("link", { name: /New run/ })
    .click();
  await page.getByLabel("Compound task").fill(task);
  await page.getByLabel("Planner").selectOption("offline");
  await page.getByRole("button", { name: "Decompose" }).click();
  await openPackage(page, "WP-1");
  await page.getByLabel("Name of WP-1").fill("<script>alert('name')</script>; $(touch /tmp/flotilla-pwned-1)");
  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("of", { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x onerror=alert('task')>");
  const card = page.getByTestId("card-WP-1");
  await expect(card).toHaveAttribute("data-status", "merged", { timeout: 30_000 });
  await expect(card).toContainText("<script>alert('name')</script>; $(touch /tmp/flotilla-pwned-1)");
  await card.click();
  await expect(page.getByTestId("log-scroller")).toContainText("<img src=x onerror=alert('log')>");
  await expect(page.getByTestId("log-scroller")).toContainText("ANTHROPIC_API_KEY is ••••••");
  await snap(page, testInfo, "security-monitor");
  expect(await page.content()).not.toContain(E2E_FAKE_KEY);

  await page.getByRole("link", { name: "Review" }).click();
  await expect(page.getByText("// <script>alert('diff')</script>").first()).toBeVisible();
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("article").first()).toBeVisible();
  expect(await page.content()).not.toContain(E2E_FAKE_KEY);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download JSON" }).click(),
  ]);
  expect(readFileSync((await download.path())!, "utf8")).not.toContain(E2E_FAKE_KEY);

  // The response headers carry the protections.
  const response = await page.goto("/");
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await expectAccessible(page);

  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  for (const f of pwned) expect(existsSync(f), f).toBe(false);
  // The database file never holds the key.
  expect(readFileSync(path.join(E2E_DATA_DIR, "flotilla.db")).toString("latin1")).not.toContain(E2E_FAKE_KEY);
});

test("beyond loopback: an access token is required, and the browser signs in with it", async ({ page, request }) => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "flotilla-token-"));
  const tokenPort = Number(port) + 200;
  let server: ChildProcess | null = null;
  try {
    server = spawn(process.execPath, ["scripts/start.mjs"], {
      env: {
        ...process.env,
        HOST: "0.0.0.0",
        PORT: String(tokenPort),
        FLOTILLA_SKIP_BUILD: "1",
        FLOTILLA_DIST_DIR: E2E_DIST_DIR,
        FLOTILLA_DATA_DIR: dataDir,
        DATABASE_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    server.stdout!.on("data", (c) => (output += c));
    const base = `http://127.0.0.1:${tokenPort}`;
    await expect
      .poll(async () => (await fetch(`${base}/sign-in`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
      .toBe(200);

    const tokenFile = path.join(dataDir, "access-token");
    const token = readFileSync(tokenFile, "utf8").trim();
    expect(statSync(tokenFile).mode & 0o077).toBe(0);
    expect(output).toContain(token); // printed once, on first start

    expect((await request.get(`${base}/api/runs/x/state`)).status()).toBe(401);
    expect((await request.post(`${base}/api/plan`, { data: { repo: "/tmp", task: "x" } })).status()).toBe(401);
    expect(
      (await request.get(`${base}/api/runs/x/state`, { headers: { authorization: "Bearer wrong-token" } })).status(),
    ).toBe(401);
    expect(
      (await request.get(`${base}/api/runs/x/state`, { headers: { authorization: `Bearer ${token}` } })).status(),
    ).toBe(404);

    await page.goto(`${base}/`);
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("Access token").fill("not-the-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That is not this server's access token")).toBeVisible();
    await page.getByLabel("Access token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    const cookie = (await page.context().cookies(base)).find((c) => c.name === "flotilla_token")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  } finally {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
