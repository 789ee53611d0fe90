// Runner hosts for real: a shared PostgreSQL database, a bare remote the code travels through,
// and two `flotilla runner` processes taking the attempts of one run from the queue. One is
// killed with its agents mid-package; its package goes to the other once it is lost, and every
// package is merged exactly once into a feature branch whose tests pass.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { cancelPackage } from "@/lib/server/engine/commands/cancel";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { listRunners } from "@/lib/server/runners/runners";
import { FAKE_AGENT, pkg, plan } from "@/lib/testing/engine-harness";
import { setupRunnerHosts, startRunner, waitUntil, workersOf } from "@/lib/testing/runner-hosts";
import { createPostgresDatabaseUrl, hasPostgres } from "@/lib/testing/test-database";
import { tempDir } from "@/lib/testing/temp-dir";
import { createHostLink, forwardPort, netnsAvailable, startGitDaemon } from "@/lib/testing/network-namespaces";

const agent = (args: string) => ({
  agent: "custom" as const,
  agentSettings: {
    customCommand: `node ${FAKE_AGENT} ${args}`,
    permissionMode: "bypassPermissions" as const,
    allowedTools: [],
    extraArgs: "",
    sandbox: false,
  },
});

/**
 * Two hosts: network namespaces joined to this one by veth links, each reaching the database
 * through a forwarder on its link address and the remote through a git daemon on the link
 * addresses (the orchestrator here uses the same git:// URL). Without namespaces: this host.
 */
async function twoHosts(url: string, isolated: boolean) {
  if (!isolated) return { databaseUrl: [url, url], netns: [undefined, undefined], remoteUrl: undefined };
  const links = [createHostLink(1), createHostLink(2)];
  const database = new URL(url);
  const databaseUrl = await Promise.all(
    links.map(async (link) => {
      const port = await forwardPort(link.hostAddress, Number(database.port));
      return `postgresql://${database.username}@${link.hostAddress}:${port}${database.pathname}`;
    }),
  );
  // Inside a namespace, the database on this host's loopback cannot be reached at all.
  const probe = spawnSync(
    "ip",
    [
      "netns",
      "exec",
      links[0].netns,
      process.execPath,
      "-e",
      `require("net").connect(${database.port}, "127.0.0.1").on("error", (e) => { console.log(e.code); process.exit(0); }).on("connect", () => { console.log("reached"); process.exit(0); })`,
    ],
    { encoding: "utf8" },
  );
  expect(probe.stdout.trim()).toBe("ECONNREFUSED");
  return {
    databaseUrl,
    netns: links.map((l) => l.netns),
    remoteUrl: async (bare: string) => {
      const port = await startGitDaemon(
        path.dirname(bare),
        links.map((l) => l.hostAddress),
      );
      return `git://${links[0].hostAddress}:${port}/${path.basename(bare)}`;
    },
  };
}

describe.skipIf(!hasPostgres())("runner hosts", { timeout: 150_000 }, () => {
  // Each runner in a network namespace of its own when this machine can make them (root: CI),
  // reaching the database and a git daemon only over its link; else as plain processes.
  const isolated = netnsAvailable();
  it(`spreads a run over two runners${isolated ? " in their own network namespaces" : ""}; a killed one's package is picked up by the other and merged once`, async () => {
    const url = await createPostgresDatabaseUrl();
    const hosts = await twoHosts(url, isolated);
    const { db, repo, project, ctx } = await setupRunnerHosts(url, hosts.remoteUrl);
    const runners = [
      startRunner(hosts.databaseUrl[0], "host-a", { netns: hosts.netns[0] }),
      startRunner(hosts.databaseUrl[1], "host-b", { netns: hosts.netns[1] }),
    ];
    await waitUntil(
      async () => (await listRunners(db)).filter((r) => r.capacity === 2 && r.state === "active").length === 2,
      `both runners to register:\n${runners.map((r) => r.output()).join("\n")}`,
    );
    const ids = ["WP-1", "WP-2", "WP-3", "WP-4", "WP-5", "WP-6"];
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan(ids.map((id) => pkg(id))),
      options: { ...agent("delay=1500"), concurrency: 4, graceSeconds: 1, reviewMode: "off" },
    });
    await launchRun(ctx, run.id);
    let killedAt = 0;
    let victim: string | null = null;
    let pickedUpMs: number | null = null;
    await driveRun(ctx, run.id, {
      intervalMs: 100,
      onTick: async () => {
        const attempts = await db.attempt.findMany({
          where: { workPackage: { runId: run.id } },
          select: { status: true, runner: true, workPackage: { select: { wpId: true } } },
        });
        if (!victim) {
          const onA = attempts.find((a) => a.runner === "host-a" && a.status === "running");
          if (onA) {
            victim = onA.workPackage.wpId;
            runners[0].killWithAgents();
            killedAt = Date.now();
          }
        } else if (pickedUpMs === null) {
          const again = attempts.find((a) => a.workPackage.wpId === victim && a.runner === "host-b");
          if (again) pickedUpMs = Date.now() - killedAt;
        }
      },
    });
    const done = await loadRunSnapshot(db, run.id);
    expect(done.run.status, runners.map((r) => r.output()).join("\n")).toBe("completed");
    expect(done.packages.map((p) => p.status)).toEqual(ids.map(() => "merged"));
    // Both hosts ran work, and the killed host's package was lost there and finished on the other.
    const attempts = await db.attempt.findMany({
      where: { workPackage: { runId: run.id } },
      select: { status: true, runner: true, reasonCode: true, workPackage: { select: { wpId: true } } },
    });
    expect(new Set(attempts.map((a) => a.runner))).toEqual(new Set(["host-a", "host-b"]));
    const lost = attempts.filter((a) => a.status === "lost");
    expect(lost.map((a) => [a.workPackage.wpId, a.runner, a.reasonCode])).toContainEqual([
      victim,
      "host-a",
      "runner_lost",
    ]);
    expect(pickedUpMs).not.toBeNull();
    // Lost after 30 s without a heartbeat (the last came up to 5 s before the kill), then taken at once.
    expect(pickedUpMs!).toBeLessThan(32_000);
    // Each package merged exactly once into the feature branch, whose tests pass.
    const merges = git(repo, "log", "--merges", "--format=%s", done.run.featureBranch!).trim().split("\n");
    for (const id of ids)
      expect(merges.filter((m) => m.includes(`(${id.toLowerCase()}):`)).length, merges.join("\n")).toBe(1);
    const checkout = tempDir("flotilla-check-");
    git(checkout, "clone", "-q", "--branch", done.run.featureBranch!, repo, "app");
    expect(execFileSync(process.execPath, ["check.mjs"], { cwd: `${checkout}/app`, encoding: "utf8" })).toContain("ok");
    for (const id of ids) expect(git(`${checkout}/app`, "ls-files", `src/${id.toLowerCase()}.ts`).trim()).not.toBe("");
    // The agents' logs came through the database into the orchestrator's attempt folders.
    const logs = await db.attemptLog.count({ where: { attempt: { workPackage: { runId: run.id } } } });
    expect(logs).toBeGreaterThan(0);
  });

  it("a runner restarted mid-package picks its agent up again: one attempt, no orphan worktree or process", async () => {
    const url = await createPostgresDatabaseUrl();
    const { db, project, ctx } = await setupRunnerHosts(url);
    let runner = startRunner(url, "host-r", { concurrency: 1 });
    const home = runner.home;
    await waitUntil(async () => (await listRunners(db)).some((r) => r.name === "host-r"), "the runner to register");
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2")]),
      options: { ...agent("delay=2500"), concurrency: 2, graceSeconds: 1, reviewMode: "off" },
    });
    await launchRun(ctx, run.id);
    let restarted = false;
    await driveRun(ctx, run.id, {
      intervalMs: 100,
      onTick: async () => {
        if (restarted) return;
        const attempt = await db.attempt.findFirst({ where: { workPackage: { runId: run.id }, status: "running" } });
        if (attempt?.runner !== "host-r") return;
        // The runner alone dies (its agent goes on), and comes back with the same name and folder.
        runner.child.kill("SIGKILL");
        await new Promise((resolve) => runner.child.once("exit", resolve));
        runner = startRunner(url, "host-r", { concurrency: 1, home });
        restarted = true;
      },
    });
    const done = await loadRunSnapshot(db, run.id);
    expect(done.run.status, runner.output()).toBe("completed");
    expect(runner.output()).toContain("picked up again after a restart");
    // Each package ran once: the restart lost nothing.
    expect(done.packages.map((p) => p.attempts.length)).toEqual([1, 1]);
    await waitUntil(async () => readdirSync(path.join(home, "worktrees")).length === 0, "the worktrees to be removed");
    expect(workersOf(done.packages.map((p) => p.attempts[0].id))).toEqual([]);
  });

  it("a runner back after its attempt was given up stops that worker and its agent, and removes its folders", async () => {
    const url = await createPostgresDatabaseUrl();
    const { db, project, ctx } = await setupRunnerHosts(url);
    let runner = startRunner(url, "host-s", { concurrency: 1 });
    const home = runner.home;
    await waitUntil(async () => (await listRunners(db)).some((r) => r.name === "host-s"), "the runner to register");
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1")]),
      options: { ...agent("default=hang"), concurrency: 1, graceSeconds: 1, reviewMode: "off" },
    });
    await launchRun(ctx, run.id);
    const abort = new AbortController();
    await driveRun(ctx, run.id, {
      intervalMs: 100,
      signal: abort.signal,
      onTick: async () => {
        const a = await db.attempt.findFirst({ where: { workPackage: { runId: run.id } } });
        if (a?.status === "running" && a.runner === "host-s") abort.abort();
      },
    });
    const attempt = await db.attempt.findFirstOrThrow({ where: { workPackage: { runId: run.id } } });
    // The runner dies alone; its agent goes on while the orchestrator gives the attempt up.
    runner.child.kill("SIGKILL");
    await new Promise((resolve) => runner.child.once("exit", resolve));
    await db.attempt.update({ where: { id: attempt.id }, data: { status: "lost", endedAt: new Date() } });
    const alive = () => workersOf([attempt.id]).length > 0;
    expect(alive()).toBe(true);
    runner = startRunner(url, "host-s", { concurrency: 1, home });
    await waitUntil(
      async () => runner.output().includes("was stopped"),
      () => `the stray worker to be stopped:\n${runner.output()}`,
      // A runner's own start (tsx, migrations) can take long on a loaded machine.
      60_000,
    );
    await waitUntil(async () => !alive(), "the worker and its agent to end", 10_000);
    expect(readdirSync(path.join(home, "attempts"))).toEqual([]);
    expect(readdirSync(path.join(home, "worktrees"))).toEqual([]);
  });

  it("a cancel reaches the runner's agent within 2 s; the package is cancelled there", async () => {
    const url = await createPostgresDatabaseUrl();
    const { db, project, ctx } = await setupRunnerHosts(url);
    const runner = startRunner(url, "host-c");
    await waitUntil(async () => (await listRunners(db)).some((r) => r.name === "host-c"), "the runner to register");
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1")]),
      options: { ...agent("default=hang"), concurrency: 1, graceSeconds: 1, reviewMode: "off" },
    });
    await launchRun(ctx, run.id);
    let cancelledAt = 0;
    let endedMs: number | null = null;
    await driveRun(ctx, run.id, {
      intervalMs: 100,
      onTick: async () => {
        const attempt = await db.attempt.findFirst({ where: { workPackage: { runId: run.id } } });
        if (!cancelledAt && attempt?.status === "running" && attempt.runner === "host-c") {
          await cancelPackage(ctx, run.id, "WP-1");
          cancelledAt = Date.now();
        }
        if (cancelledAt && endedMs === null && attempt?.remoteResult) endedMs = Date.now() - cancelledAt;
      },
    });
    const done = await loadRunSnapshot(db, run.id);
    expect(done.packages[0].status, runner.output()).toBe("cancelled");
    expect(endedMs).not.toBeNull();
    expect(endedMs!).toBeLessThan(2_000);
  });
});
