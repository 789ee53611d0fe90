// Team mode: the dashboard and the CLI share one PostgreSQL database. A throwaway cluster (Debian's
// postgresql) and a second server on the browser tests' build; a run the CLI drives in another
// process shows up live in the browser (LISTEN/NOTIFY), and the server's own run completes too.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from "../lib/testing/postgres-cluster";
import { E2E_BASE_URL, E2E_DIST_DIR } from "../playwright.config";
import { expectAccessible, makeJsRepo, snap, watchErrors } from "./fixtures/app";

const bin = findPostgresBin();
const port = Number(new URL(E2E_BASE_URL).port) + 300;
const base = `http://127.0.0.1:${port}`;
const CLI = path.resolve("scripts/flotilla.mjs");

let cluster: PostgresCluster | null = null;
let server: ChildProcess | null = null;
let dataDir = "";
let databaseUrl = "";

test.skip(
  !bin && process.env.FLOTILLA_REQUIRE_POSTGRES !== "1",
  "PostgreSQL tests SKIPPED: no PostgreSQL server is installed (apt-get install postgresql)",
);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  if (!bin) throw new Error("FLOTILLA_REQUIRE_POSTGRES=1 but no PostgreSQL server is installed");
  cluster = await startPostgresCluster(bin);
  databaseUrl = `${cluster.serverUrl}/flotilla_e2e`; // made by the server's own migration step
  dataDir = mkdtempSync(path.join(os.tmpdir(), "flotilla-e2e-pg-"));
  server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      FLOTILLA_SKIP_BUILD: "1",
      FLOTILLA_DIST_DIR: E2E_DIST_DIR,
      FLOTILLA_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      FLOTILLA_DEMO_DELAY_MS: "600",
      FLOTILLA_STRICT_TRANSITIONS: "1",
      FLOTILLA_ADMISSION: "memory",
      FLOTILLA_RUNNER_NAME: "e2e-box",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  server.stdout!.on("data", (c) => (output += c));
  server.stderr!.on("data", (c) => (output += c));
  await expect
    .poll(async () => (await fetch(`${base}/`).catch(() => null))?.status ?? 0, {
      timeout: 90_000,
      message: `the PostgreSQL-backed server did not start:\n${output}`,
    })
    .toBe(200);
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const plan = (task: string) => ({
  task,
  work_packages: [
    { id: "WP-1", name: "Catalog", scope: "Lists products", expected_outputs: ["src/catalog.js"], dependencies: [] },
    {
      id: "WP-2",
      name: "Search",
      scope: "Finds products",
      expected_outputs: ["src/search.js"],
      dependencies: ["WP-1"],
    },
  ],
});

test("on PostgreSQL: a run the CLI drives from another process shows live in the dashboard, and a dashboard run completes", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("team");

  // The dashboard registers the project in the shared database.
  await page.goto(`${base}/`);
  await page.getByLabel("Repository path").fill(repo);
  await page.getByRole("button", { name: "Register project" }).click();
  await expect(page.getByTestId("project-row").filter({ hasText: repo })).toBeVisible();

  // The CLI, a process of its own with the same DATABASE_URL, starts and drives a run.
  const wbsFile = path.join(dataDir, "wbs.json");
  writeFileSync(wbsFile, JSON.stringify(plan("Catalog and search from the CLI")));
  const cliEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    FLOTILLA_DATA_DIR: dataDir,
    FLOTILLA_DEMO_DELAY_MS: "600",
    FLOTILLA_RUNNER_NAME: "e2e-cli-box",
  };
  const cli = spawn(
    process.execPath,
    [CLI, "run", "--repo", repo, "--wbs", wbsFile, "--agent", "demo", "--stagger", "0", "--json"],
    {
      env: cliEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let cliOut = "";
  let cliErr = "";
  cli.stdout!.on("data", (c) => (cliOut += c));
  cli.stderr!.on("data", (c) => (cliErr += c));
  const cliExit = new Promise<number | null>((resolve) => cli.on("exit", resolve));

  // The project page lists the CLI's run; its run page follows it without a reload.
  await page.goto(`${base}/`);
  const runLink = page
    .getByTestId("run-row")
    .filter({ hasText: "Catalog and search from the CLI" })
    .getByRole("link")
    .first();
  await expect(async () => {
    await page.reload();
    await expect(runLink).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await runLink.click();
  await expect(page.getByTestId("card-WP-1").getByTestId("card-runner")).toHaveText("on e2e-cli-box", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("card-WP-2")).toHaveAttribute("data-status", /pending|ready|blocked|running|starting/);
  await expect(page.getByTestId("card-WP-2")).toHaveAttribute("data-status", "merged", { timeout: 60_000 });
  await expect(page.getByTestId("run-progress")).toContainText("2 of 2");
  expect(await cliExit, cliErr).toBe(0);
  const cliRun = JSON.parse(cliOut) as { runId: string; status: string };
  expect(cliRun.status).toBe("completed");
  await expectAccessible(page);
  await snap(page, testInfo, "postgres-cli-run");

  // The CLI reads what the server stored, and the other way round.
  const status = spawnSync(process.execPath, [CLI, "status", "--run", cliRun.runId, "--json"], {
    env: cliEnv,
    encoding: "utf8",
  });
  expect(status.status, status.stderr).toBe(0);
  expect(JSON.parse(status.stdout).status).toBe("completed");

  // A run made in the dashboard's API is driven by the server's engine on the same database.
  const created = await request.post(`${base}/api/runs`, {
    data: {
      repo,
      wbs: plan("Catalog and search from the dashboard"),
      agent: "demo",
      staggerSeconds: 0,
      reviewMode: "off",
    },
  });
  expect(created.status()).toBe(201);
  const { runId } = await created.json();
  await page.goto(`${base}/runs/${runId}`);
  await expect(page.getByTestId("run-progress")).toContainText("2 of 2", { timeout: 60_000 });
  // The run settles in the tick after the last merge, which the live page can show first.
  await expect
    .poll(async () => (await (await request.get(`${base}/api/runs/${runId}`)).json()).status)
    .toBe("completed");
  expect(problems).toEqual([]);
});

test("on PostgreSQL: the Runners page lists this machine with what it runs, and Drain holds new packages until Resume", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("drain");
  await page.goto(`${base}/runners`);
  const box = page.getByTestId("runner-card").filter({ hasText: "e2e-box" }).first();
  await expect(box).toHaveAttribute("data-state", "active");
  await expect(box).toContainText("This dashboard's machine");
  await expect(box).toContainText("Demo agent");
  await expect(box).toContainText(/\d+ s ago/);
  // The CLI of the first journey registered its own machine too.
  await expect(page.getByTestId("runner-card").filter({ hasText: "e2e-cli-box" })).toBeVisible();

  // Drain: a new run's first package waits and says why. (WP-1 writes 8 files, about 5 s of
  // work, so the Runners page, which refreshes every 3 s, sees it running.)
  const slowPlan = plan("While the runner drains");
  slowPlan.work_packages[0].expected_outputs = Array.from({ length: 8 }, (_, i) => `src/catalog-${i}.js`);
  await page.getByRole("button", { name: "Drain runner e2e-box" }).click();
  await expect(box).toHaveAttribute("data-state", "draining");
  await expect(box).toContainText("finishes its running work, takes no more");
  const created = await request.post(`${base}/api/runs`, {
    data: { repo, wbs: slowPlan, agent: "demo", staggerSeconds: 0, reviewMode: "off" },
  });
  expect(created.status()).toBe(201);
  const { runId } = await created.json();
  await page.goto(`${base}/runs/${runId}`);
  await page.getByTestId("card-WP-1").click();
  await expect(page.getByTestId("status-reason")).toContainText("runner e2e-box is draining", { timeout: 20_000 });
  await snap(page, testInfo, "postgres-drained-run");

  // Resume on the Runners page: the run goes on, and the page shows what the runner runs now.
  await page.goto(`${base}/runners`);
  await expectAccessible(page);
  await snap(page, testInfo, "postgres-runners-draining");
  await page.getByRole("button", { name: "Resume runner e2e-box" }).click();
  await expect(box).toHaveAttribute("data-state", "active");
  await expect(box.getByRole("list", { name: "Running on e2e-box" })).toContainText("WP-", { timeout: 20_000 });
  await page.goto(`${base}/runs/${runId}`);
  await expect(page.getByTestId("run-progress")).toContainText("2 of 2", { timeout: 60_000 });
  await expect(page.getByTestId("card-WP-2").getByTestId("card-runner")).toHaveText("on e2e-box");
  const state = await (await request.get(`${base}/api/runs/${runId}/state`)).json();
  expect(state.packages.map((p: { runner: string }) => p.runner)).toEqual(["e2e-box", "e2e-box"]);

  // At phone size, in dark mode: readable, nothing sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${base}/runners`);
  await expect(box).toBeVisible();
  await expectAccessible(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  await snap(page, testInfo, "postgres-runners-phone-dark");
  expect(problems).toEqual([]);
});

test("on PostgreSQL: a runner host takes a run's packages through the project's remote; Drain queues them until Resume", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  const problems = watchErrors(page);
  const repo = makeJsRepo("hosts");
  const remote = path.join(mkdtempSync(path.join(os.tmpdir(), "flotilla-e2e-remote-")), "hosts.git");
  spawnSync("git", ["clone", "-q", "--bare", repo, remote]);

  // The project's remote, set in its settings form, is what the runner host clones.
  await page.goto(`${base}/`);
  await page.getByLabel("Repository path").fill(repo);
  await page.getByRole("button", { name: "Register project" }).click();
  const row = page.getByTestId("project-row").filter({ hasText: repo });
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "Settings of hosts" }).click();
  await page.getByLabel("Remote").fill(remote);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Saved the settings of hosts/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Remote")).toHaveValue(remote);

  // A runner host on the same database (here a process of its own, with its own folder).
  const runnerDir = mkdtempSync(path.join(os.tmpdir(), "flotilla-e2e-host-"));
  const host = spawn(
    process.execPath,
    [CLI, "runner", "--database", databaseUrl, "--name", "e2e-host", "--concurrency", "2", "--dir", runnerDir],
    {
      env: { ...process.env, FLOTILLA_DATA_DIR: path.join(runnerDir, "data"), FLOTILLA_DEMO_DELAY_MS: "600" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let hostOut = "";
  host.stdout!.on("data", (c) => (hostOut += c));
  host.stderr!.on("data", (c) => (hostOut += c));
  try {
    await page.goto(`${base}/runners`);
    const card = page.getByTestId("runner-card").filter({ hasText: "e2e-host" });
    await expect(async () => {
      await page.reload();
      await expect(card).toHaveAttribute("data-state", "active", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(card).toContainText("2 agents");
    await expect(card).not.toContainText("This dashboard's machine");

    // A dashboard run: both packages run on the host, their logs show here, both merge.
    const created = await request.post(`${base}/api/runs`, {
      data: {
        repo,
        wbs: plan("Catalog and search on a runner host"),
        agent: "demo",
        staggerSeconds: 0,
        reviewMode: "off",
      },
    });
    expect(created.status()).toBe(201);
    const { runId } = await created.json();
    await page.goto(`${base}/runs/${runId}`);
    await expect(page.getByTestId("card-WP-1").getByTestId("card-runner")).toHaveText("on e2e-host", {
      timeout: 30_000,
    });
    await expect(page.getByTestId("run-progress")).toContainText("2 of 2", { timeout: 60_000 });
    await expect(page.getByTestId("card-WP-2").getByTestId("card-runner")).toHaveText("on e2e-host");
    await page.getByTestId("card-WP-1").click();
    await expect(page.getByTestId("log-line").first()).toBeVisible({ timeout: 10_000 });
    const state = await (await request.get(`${base}/api/runs/${runId}/state`)).json();
    expect(
      state.packages.map((p: { runner: string }) => p.runner),
      hostOut,
    ).toEqual(["e2e-host", "e2e-host"]);
    await expectAccessible(page);
    await snap(page, testInfo, "postgres-runner-host-run");
    // At phone size, in dark mode: the runner on each card readable, nothing sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.getByTestId("card-WP-1").getByTestId("card-runner")).toHaveText("on e2e-host");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    await snap(page, testInfo, "postgres-runner-host-run-phone-dark");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });

    // Drain the host: the next run's first package is queued for it, and runs once resumed.
    await page.goto(`${base}/runners`);
    await page.getByRole("button", { name: "Drain runner e2e-host" }).click();
    await expect(card).toHaveAttribute("data-state", "draining");
    const next = await request.post(`${base}/api/runs`, {
      data: { repo, wbs: plan("While the runner host drains"), agent: "demo", staggerSeconds: 0, reviewMode: "off" },
    });
    const nextId = (await next.json()).runId as string;
    await page.goto(`${base}/runs/${nextId}`);
    await expect(page.getByTestId("card-WP-1").getByTestId("card-runner")).toHaveText("queued for a runner host", {
      timeout: 20_000,
    });
    await snap(page, testInfo, "postgres-runner-host-queued");
    await page.goto(`${base}/runners`);
    await page.getByRole("button", { name: "Resume runner e2e-host" }).click();
    await expect(card).toHaveAttribute("data-state", "active");
    await page.goto(`${base}/runs/${nextId}`);
    await expect(page.getByTestId("run-progress")).toContainText("2 of 2", { timeout: 60_000 });
    await expect(page.getByTestId("card-WP-1").getByTestId("card-runner")).toHaveText("on e2e-host");
    // The remote holds the feature branch the dashboard pushed after the merges.
    const branches = spawnSync("git", ["-C", remote, "branch", "--list", "flotilla/*"], { encoding: "utf8" }).stdout;
    expect(branches).toContain(state.run.featureBranch);
  } finally {
    host.kill("SIGTERM");
  }
  expect(problems).toEqual([]);
});
