// What a new user meets first, through the real `flotilla` command: their own Claude Code on
// their PATH (ahead of the bundled one npx puts first), their project's settings kept when a flag
// names only the agent, nothing registered by a refused command, their own script that knows no
// roles, and a run whose workers died with the machine.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { makeRepository } from "@/lib/testing/engine-harness";
import { cliDatabaseUrl, flotilla, startFlotilla, writePlan } from "@/lib/testing/cli-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { openDatabase } from "@/lib/server/db/client";

const HOME = process.cwd();
const FAKE_CLAUDE = path.resolve("e2e/fixtures/agents/fake-claude.mjs");
const NAIVE_AGENT = path.resolve("e2e/fixtures/agents/naive-agent.mjs");

/** A `claude` the user installed: a newer version than the bundled one, logging how it was called. */
function userClaude(version: string): { bin: string; log: string } {
  const bin = tempDir("flotilla-user-bin-");
  const log = path.join(bin, "calls.log");
  const script = path.join(bin, "claude");
  writeFileSync(
    script,
    [
      "#!/bin/sh",
      `if [ "$1" = "--version" ]; then echo "${version}"; exit 0; fi`,
      `printf '%s IS_SANDBOX=%s\\n' "$*" "$IS_SANDBOX" >> "${log}"`,
      `exec "${process.execPath}" "${FAKE_CLAUDE}" "$@"`,
    ].join("\n"),
  );
  chmodSync(script, 0o755);
  return { bin, log };
}

/** PATH as npx sets it: the project's node_modules/.bin first, then the user's own PATH. */
const npxPath = (...userDirs: string[]) =>
  [path.join(HOME, "node_modules", ".bin"), ...userDirs, path.dirname(process.execPath), "/usr/bin", "/bin"].join(
    path.delimiter,
  );

async function projectCount(dataDir: string): Promise<number> {
  const url = cliDatabaseUrl(dataDir);
  if (url.startsWith("file:") && !existsSync(url.slice("file:".length))) return 0;
  const db = openDatabase(url);
  try {
    return await db.project.count();
  } catch (err) {
    if (/does not exist/.test(String(err))) return 0; // PostgreSQL: the CLI never made its database
    throw err;
  } finally {
    await db.$disconnect();
  }
}

describe("a new user's own set-up", { timeout: 90_000 }, () => {
  it("runs the user's own claude (not the bundled one npx puts first) with the project's settings, and records its version", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const claude = userClaude("2.1.332 (Claude Code)");
    const env = { PATH: npxPath(claude.bin), IS_SANDBOX: "" };
    const settings = flotilla(
      dataDir,
      ["settings", "--repo", repo, "--agent", "claude", "--model", "claude-test-model", "--sandbox", "yes", "--json"],
      env,
    );
    expect(settings.code).toBe(0);

    const wbs = writePlan(tempDir(), [{ id: "WP-1" }, { id: "WP-2" }]);
    const ran = flotilla(
      dataDir,
      ["run", "--repo", repo, "--wbs", wbs, "--agent", "claude", "--review", "off", "--stagger", "0", "--json"],
      env,
    );
    expect(ran.stderr).not.toMatch(/unexpected error/);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout);
    expect(report).toMatchObject({
      status: "completed",
      agent: "claude",
      agentProgram: path.join(claude.bin, "claude"),
      agentVersion: "2.1.332 (Claude Code)",
    });
    expect(report.workPackages.map((p: { agentVersion: string }) => p.agentVersion)).toEqual([
      "2.1.332 (Claude Code)",
      "2.1.332 (Claude Code)",
    ]);

    // --agent claude kept the model and the sandbox setting from the project.
    const calls = readFileSync(claude.log, "utf8").trim().split("\n");
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toContain("--model claude-test-model");
      expect(call).toContain("IS_SANDBOX=1");
    }
    const markdown = flotilla(dataDir, ["report", "--run", report.runId], env);
    expect(markdown.stdout).toContain(
      `- Agent: Claude Code (2.1.332 (Claude Code) at ${path.join(claude.bin, "claude")})`,
    );
    expect(flotilla(dataDir, ["status", "--run", report.runId], env).stdout).toContain(
      "Agent: Claude Code (2.1.332 (Claude Code)",
    );
  });

  it("registers nothing when a command is refused, and says each usage error once", async () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const wbs = writePlan(tempDir(), [{ id: "WP-1" }]);
    const missing = flotilla(dataDir, [
      "run",
      "--repo",
      repo,
      "--wbs",
      wbs,
      "--agent-cmd",
      "definitely-not-installed --go",
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/"definitely-not-installed"/);
    const zero = flotilla(dataDir, ["settings", "--repo", repo, "--concurrency", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("Concurrency must be from 1 to 10");
    expect(zero.stderr).not.toMatch(/concurrency:/);
    expect(await projectCount(dataDir)).toBe(0);

    const usage = flotilla(dataDir, ["run", "--wbs", wbs]);
    expect(usage.stderr.trim()).toBe("flotilla run: --repo is required");
    const operator = flotilla(dataDir, ["run", "--repo", repo, "--wbs", wbs, "--agent-cmd", "echo a; echo b"]);
    expect(operator.stderr).toContain('--agent-cmd: ";" is a shell operator');
    const timeout = flotilla(dataDir, ["settings", "--repo", repo, "--timeout", "0"]);
    expect(timeout.stderr).toContain("Timeout must be from 1 to 86400");
    expect(flotilla(dataDir, ["run", "--repo", repo, "--wbs", wbs, "--timeout", "0"]).stderr).toContain(
      "--timeout must be a number from 1 to 86400",
    );

    const array = path.join(tempDir(), "plan.json");
    writeFileSync(array, JSON.stringify([{ id: "WP-1" }]));
    expect(flotilla(dataDir, ["run", "--repo", repo, "--wbs", array]).stderr).toContain(
      'A plan is a JSON object with "task" and "work_packages", but this is an array',
    );
    const noTask = path.join(tempDir(), "wbs.json");
    writeFileSync(noTask, JSON.stringify({ work_packages: [] }));
    expect(flotilla(dataDir, ["run", "--repo", repo, "--wbs", noTask]).stderr).toContain(
      'the plan has no "task": add the compound task as a string',
    );
    expect(await projectCount(dataDir)).toBe(0);
  });

  it("plans with a script that knows no roles (falling back to the offline planner, saying why) and runs the plan with default settings", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const agentCmd = `node ${NAIVE_AGENT}`;
    expect(flotilla(dataDir, ["settings", "--repo", repo, "--agent", "custom", "--agent-cmd", agentCmd]).code).toBe(0);
    const planned = flotilla(dataDir, ["plan", "--repo", repo, "--task", "add a parser and a formatter", "--json"]);
    expect(planned.code).toBe(0);
    expect(planned.stderr).toContain("The Custom command planner gave no usable plan, even after one correction");
    expect(planned.stderr).toContain("The offline planner made this plan instead");
    const wbsFile = path.join(tempDir(), "wbs.json");
    writeFileSync(wbsFile, planned.stdout);
    expect(
      flotilla(dataDir, ["plan", "--repo", repo, "--task", "add a parser", "--planner", "agent"]).stderr,
    ).toContain("planner's answer could not be used");

    const ran = flotilla(dataDir, ["run", "--repo", repo, "--wbs", wbsFile, "--stagger", "0", "--json"]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout);
    expect(report.status).toBe("completed");
    expect(report.workPackages.every((p: { reviews: unknown[] }) => p.reviews.length === 0)).toBe(true);
  });

  it("resume after the machine died (orchestrator and every worker killed) gives each lost package a fresh attempt and completes", async () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const wbs = writePlan(tempDir(), [{ id: "WP-1" }, { id: "WP-2" }, { id: "WP-3", deps: ["WP-1"] }]);
    // WP-1 and WP-2 hang until the machine dies, however far apart a loaded machine starts them.
    const state = tempDir();
    const agent = `node ${path.resolve("e2e/fixtures/agents/fake-agent.mjs")} WP-1=hang-once WP-2=hang-once state=${state}`;
    const cli = startFlotilla(dataDir, ["run", "--repo", repo, "--wbs", wbs, "--agent-cmd", agent, "--stagger", "0"]);
    await cli.waitFor((text) => (text.match(/: running/g) ?? []).length >= 2);
    const runDir = path.join(dataDir, "runs", cli.runId());
    // Each agent is hanging once its marker is written (the wrapper writes agent.pid before that).
    const agentsStarted = () =>
      ["WP-1", "WP-2"].every(
        (wp) =>
          existsSync(path.join(runDir, wp, "agent.pid")) &&
          existsSync(path.join(state, `${cli.runId()}-${wp}.started`)),
      );
    for (let i = 0; i < 1000 && !agentsStarted(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(agentsStarted(), "both agents started within 20 s").toBe(true);
    // The machine goes down: the orchestrator, each worker wrapper and each agent, all at once.
    cli.child.kill("SIGKILL");
    await cli.exited;
    // Wrappers first: a wrapper that outlived its agent would record the agent's SIGKILL as an exit
    // (a failed attempt), which a machine that died all at once never does.
    for (const file of ["pid", "agent.pid"]) {
      for (const wp of ["WP-1", "WP-2"]) {
        const dir = path.join(runDir, wp);
        const pid = Number(readFileSync(path.join(dir, file), "utf8"));
        try {
          process.kill(file === "agent.pid" ? -pid : pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    const runId = cli.runId();
    const resumed = flotilla(dataDir, ["resume", "--run", runId, "--json"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(
      "WP-1: its worker was lost (killed, or the machine restarted); starting a fresh attempt",
    );
    expect(resumed.stderr).toContain("WP-2: its worker was lost");
    const report = JSON.parse(resumed.stdout);
    expect(report.status).toBe("completed");
    expect(report.workPackages.map((p: { id: string; attempts: number }) => [p.id, p.attempts])).toEqual([
      ["WP-1", 2],
      ["WP-2", 2],
      ["WP-3", 1],
    ]);
    const subjects = git(repo, "log", "--merges", "--format=%s", report.featureBranch).trim().split("\n").sort();
    expect(subjects).toEqual(["feat(wp-1): Part WP-1", "feat(wp-2): Part WP-2", "feat(wp-3): Part WP-3"]);
  });
});
