// The Claude Code adapter against the real CLI (@anthropic-ai/claude-code 2.1.197), pointed at a
// fake Messages API on 127.0.0.1: the CLI really runs the Write, Edit and Bash tools it is told
// to, in the package's worktree, and Flotilla reads its stream-json output.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { conflictList, parseConflictState } from "@/lib/core/conflicts/conflict-state";
import { ROOT_REFUSAL_HELP, isRootRefusal } from "@/lib/core/agents/claude-permissions";
import { renderReportMarkdown } from "@/lib/core/run/report";
import type { RunOptions } from "@/lib/core/run/run-options";
import { plan, pkg, setupEngine } from "@/lib/testing/engine-harness";
import {
  sequence,
  startFakeAnthropicApi,
  type FakeAnthropicApi,
  type Script,
  type Step,
  type Usage,
} from "@/lib/testing/fake-anthropic-api";
import { readActivity } from "@/lib/server/runs/read-activity";
import { planTask } from "@/lib/server/plan/plan-task";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { retryPackage } from "@/lib/server/engine/commands/retry-package";
import { changeRunBudget } from "@/lib/server/engine/commands/run-budget";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

/** Where `claude` comes from: the pinned copy, or (CI's latest pass) the folder it names. */
const BIN = process.env.FLOTILLA_AGENT_BIN || path.resolve("node_modules/.bin");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

const write = (cwd: string, file: string, content: string): Step => ({
  text: `Writing ${file}.`,
  tools: [{ name: "Write", input: { file_path: path.join(cwd, file), content } }],
});
const edit = (cwd: string, file: string, from: string, to: string): Step => ({
  tools: [{ name: "Edit", input: { file_path: path.join(cwd, file), old_string: from, new_string: to } }],
});
const bash = (command: string): Step => ({ tools: [{ name: "Bash", input: { command, description: "run it" } }] });
const done = (text: string, usage?: Usage): Step => ({ text, ...(usage ? { usage } : {}) });
/** About $2 at the CLI's default model's prices: enough to pass a $1 budget in one turn. */
const EXPENSIVE = { input_tokens: 400_000, output_tokens: 1_000 };

/** Created by a slow package's command once it runs. */
const SLOW_RUNNING = path.join(os.tmpdir(), `flotilla-slow-running-${process.pid}`);
let slowStarted = false;

/** A whole zdiff3 conflict block: ours, the base (ignored), theirs. */
const CONFLICT_BLOCK = /^<{7}[^\n]*\n([\s\S]*?)(?:^\|{7}[^\n]*\n[\s\S]*?)?^={7}\n([\s\S]*?)^>{7}[^\n]*\n/m;
const REGISTRY = "export const plugins = [\n];\n";

const read = (cwd: string, file: string): Step => ({
  tools: [{ name: "Read", input: { file_path: path.join(cwd, file) } }],
});

/**
 * Each package (its worktree folder is named after it) writes its plugin and adds it first in the
 * registry, so the second merge conflicts. Its resolve round, in the same session, reads the file
 * (the CLI edits only what it has read since it last changed) and replaces the whole conflict
 * block, as it is on disk, with both entries.
 */
const registryScript: Script = (turn) => {
  const id = path.basename(turn.cwd);
  const last = turn.lastUser;
  if (last.includes("# Resolve a merge conflict")) return read(turn.cwd, "registry.js");
  if (last.includes("has been updated successfully")) return done(`Registered ${id}.`);
  if (last.includes("<<<<<<<")) {
    const text = readFileSync(path.join(turn.cwd, "registry.js"), "utf8");
    const block = CONFLICT_BLOCK.exec(text);
    if (!block) return done(`No conflict block in registry.js:\n${text}`);
    const entries = `${block[1]}${block[2]}`.split("\n").filter(Boolean).sort();
    return edit(turn.cwd, "registry.js", block[0], `${entries.join("\n")}\n`);
  }
  if (last.includes("File created")) return read(turn.cwd, "registry.js");
  if (last.includes("export const plugins"))
    return edit(turn.cwd, "registry.js", "export const plugins = [\n", `export const plugins = [\n  "${id}",\n`);
  if (turn.turn === 0) return write(turn.cwd, `plugins/${id.toLowerCase()}.js`, `export default "${id}";\n`);
  return done(`Unexpected: ${last.slice(0, 500)}`);
};

const SCRIPTS: Record<string, Script> = {
  "write-edit": sequence((cwd) => [
    write(cwd, "src/wp-1.ts", "export const greeting = 'hello';\n"),
    edit(cwd, "src/wp-1.ts", "'hello'", "'hello, world'"),
    bash("node check.mjs"),
    done("Wrote src/wp-1.ts and checked it."),
  ]),
  flaky: (turn) =>
    turn.call === 0
      ? { error: 529, message: "Overloaded" }
      : sequence((cwd) => [write(cwd, "src/wp-1.ts", "export const a = 1;\n"), done("Done after a retry.")])(turn),
  down: () => ({ error: 500, message: "Internal server error" }),
  endless: () => bash("true"),
  // Waits (up to 10 s) until a slow package's command runs, so the budget stops that one mid-work.
  expensive: sequence((cwd) => [
    bash(`for i in $(seq 1 100); do [ -e ${SLOW_RUNNING} ] && break; sleep 0.1; done`),
    write(cwd, "src/wp-1.ts", "export const a = 1;\n"),
    done("Done, expensively.", EXPENSIVE),
  ]),
  // Slow the first time (a budget stop interrupts it), quick once the budget is raised.
  "slow-then-quick": (turn) => {
    if (!slowStarted) {
      slowStarted = true;
      return bash(`touch ${SLOW_RUNNING} && sleep 60`);
    }
    return turn.lastUser.includes("File created")
      ? done("Done.")
      : write(turn.cwd, "src/wp-2.ts", "export const b = 2;\n");
  },
  slow: () => bash(`touch ${SLOW_RUNNING} && sleep 60`),
  quick: sequence((cwd) => [write(cwd, "src/wp-3.ts", "export const c = 3;\n"), done("Done.")]),
  // The implementation, then its spec reviewer (same package, so the same marker) approving it.
  reviewed: (turn) => {
    if (turn.lastUser.includes("spec-compliance reviewer"))
      return done('```json\n{ "verdict": "approve", "issues": [] }\n```');
    return turn.lastUser.includes("File created")
      ? done("Done.")
      : write(turn.cwd, "src/wp-1.ts", "export const a = 1;\n");
  },
  planner: () =>
    done(
      JSON.stringify({
        task: "Add greetings",
        work_packages: [
          {
            id: "WP-1",
            name: "Greeting",
            scope: "The greeting module",
            expected_outputs: ["src/greeting.ts"],
            dependencies: [],
          },
          {
            id: "WP-2",
            name: "Farewell",
            scope: "The farewell module",
            expected_outputs: ["src/farewell.ts"],
            dependencies: ["WP-1"],
          },
        ],
      }),
    ),
  // Writes a first draft, then the API goes down until the session is continued on retry.
  resumable: (turn) => {
    if (turn.lastUser.includes("Your previous attempt at work package"))
      return edit(turn.cwd, "src/wp-1.ts", "draft", "final");
    if (turn.turn === 0) return write(turn.cwd, "src/wp-1.ts", "export const state = 'draft';\n");
    if (turn.lastUser.includes("has been updated successfully")) return done("Finished the draft.");
    return { error: 500, message: "Internal server error" };
  },
  registry: registryScript,
};

let api: FakeAnthropicApi;
let home: string;

beforeAll(async () => {
  api = await startFakeAnthropicApi(SCRIPTS);
  home = mkdtempSync(path.join(os.tmpdir(), "flotilla-claude-home-"));
  mkdirSync(path.join(home, ".claude"), { recursive: true });
  // Workers inherit this environment: the real CLI, talking to the fake API, quietly and alone.
  Object.assign(process.env, {
    PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
    HOME: home,
    CLAUDE_CONFIG_DIR: path.join(home, ".claude"),
    ANTHROPIC_BASE_URL: api.url,
    ANTHROPIC_API_KEY: "sk-ant-test-fake",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_MAX_RETRIES: "2",
  });
});
afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(SLOW_RUNNING, { force: true });
});

async function claudeRun(
  engine: Awaited<ReturnType<typeof setupEngine>>,
  packages: ReturnType<typeof pkg>[],
  options: Partial<RunOptions> & { extraArgs?: string } = {},
) {
  const { extraArgs = "", ...rest } = options;
  const { run } = await createRun(engine.db, {
    projectId: engine.project.id,
    wbs: plan(packages),
    options: {
      agent: "claude",
      agentSettings: {
        permissionMode: "bypassPermissions",
        allowedTools: [],
        extraArgs,
        customCommand: "",
        sandbox: true,
      },
      graceSeconds: 1,
      reviewMode: "off",
      staggerSeconds: 0,
      ...rest,
    },
  });
  await launchRun(engine.ctx, run.id);
  await engine.drive(run.id);
  return loadRunSnapshot(engine.db, run.id);
}

const scripted = (id: string, script: string, extra: Parameters<typeof pkg>[2] = {}, deps: string[] = []) =>
  pkg(id, deps, { scope: `Builds ${id} [[script:${script}]]`, ...extra });

describe("Claude Code, the real CLI against a fake Messages API", () => {
  it("completes a package through Write and Edit tool uses, merges it, and reports its cost", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(engine, [scripted("WP-1", "write-edit")]);
    const wp = snapshot.packages[0];
    expect(wp.status).toBe("merged");
    expect(git(engine.repo, "show", `${snapshot.run.featureBranch}:src/wp-1.ts`)).toBe(
      "export const greeting = 'hello, world';\n",
    );

    const attempt = wp.latestAttempt!;
    expect(attempt.costUsd).toBeGreaterThan(0);
    expect(attempt.inputTokens).toBeGreaterThan(0);
    expect(attempt.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(snapshot.run.costUsd).toBeCloseTo(attempt.costUsd!, 10);

    const report = await buildRunReport(engine.db, snapshot.run.id);
    expect(report.costUsd).toBeGreaterThan(0);
    expect(report.workPackages[0]).toMatchObject({
      costUsd: attempt.costUsd,
      sessionId: attempt.sessionId,
      tokens: { input: attempt.inputTokens, output: attempt.outputTokens },
    });
    expect(renderReportMarkdown(report)).toMatch(
      /- Cost: \$0\.\d+ \([\d,]+ input, [\d,]+ output tokens\) \| session `[0-9a-f-]{36}`/,
    );

    const feed = await readActivity("claude", attempt);
    const tools = feed.items.filter((i) => i.kind === "tool");
    expect(tools.map((t) => [t.tool, t.state])).toEqual([
      ["Write", "ok"],
      ["Edit", "ok"],
      ["Bash", "ok"],
    ]);
    // Paths are shown inside the worktree; the final answer is not repeated after the same message.
    expect(tools.map((t) => t.detail)).toEqual(["src/wp-1.ts", "src/wp-1.ts", "node check.mjs"]);
    expect(feed.items.at(-2)).toEqual({ kind: "message", text: "Wrote src/wp-1.ts and checked it." });
    expect(feed.items.at(-1)).toMatchObject({ kind: "result", ok: true, text: "", turns: 4 });
  }, 60_000);

  it("retries an API error, then succeeds, and shows the retry in the activity", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(engine, [scripted("WP-1", "flaky")]);
    expect(snapshot.packages[0].status).toBe("merged");
    const feed = await readActivity("claude", snapshot.packages[0].latestAttempt!);
    expect(feed.items).toContainEqual({ kind: "retry", attempt: 1, maxRetries: 2, error: "529 overloaded" });
  }, 60_000);

  it("fails a package on a permanent API error, saying why in words", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(engine, [scripted("WP-1", "down")]);
    const wp = snapshot.packages[0];
    expect(wp.status).toBe("failed");
    expect(wp.statusReason).toMatch(/^API error 500 after 2 retries: Internal server error.* \(exit code 1\)$/);
    expect(snapshot.run.status).toBe("failed");
  }, 60_000);

  it("fails a package that reaches --max-turns", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(engine, [scripted("WP-1", "endless")], { extraArgs: "--max-turns 2" });
    expect(snapshot.packages[0].status).toBe("failed");
    expect(snapshot.packages[0].statusReason).toMatch(/^Claude Code stopped at the turn limit of 2 after 3 turns/);
  }, 60_000);

  it("runs the reviewers through the same CLI, reading their JSON verdict from the final answer", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(engine, [scripted("WP-1", "reviewed")], { reviewMode: "spec" });
    const wp = snapshot.packages[0];
    expect(wp.status).toBe("merged");
    const attempts = await engine.db.attempt.findMany({ where: { workPackageId: wp.id }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => [a.role, a.status])).toEqual([
      ["implement", "succeeded"],
      ["spec-review", "succeeded"],
    ]);
    // The reviewer's cost counts too.
    expect(attempts[1].costUsd).toBeGreaterThan(0);
    expect(snapshot.run.costUsd).toBeCloseTo(attempts[0].costUsd! + attempts[1].costUsd!, 10);
  }, 60_000);

  it("plans a task with the agent planner through the same CLI", async () => {
    const engine = await setupEngine();
    const planned = await planTask(engine.db, engine.dataDir, {
      projectId: engine.project.id,
      request: { task: "Add greetings and farewells [[script:planner]]", count: 2, deps: "some" },
      planner: "agent",
      agent: "claude",
      agentSettings: agentSettingsSchema.parse({ sandbox: true }),
    });
    expect(planned.planner).toBe("agent");
    expect(planned.wbs.work_packages.map((p) => [p.id, p.expected_outputs, p.dependencies])).toEqual([
      ["WP-1", ["src/greeting.ts"], []],
      ["WP-2", ["src/farewell.ts"], ["WP-1"]],
    ]);
  }, 60_000);

  it.runIf(isRoot)(
    "as root: refuses to launch without a way out, and recognises the CLI's own refusal",
    async () => {
      const engine = await setupEngine();
      const inherited = process.env.IS_SANDBOX;
      delete process.env.IS_SANDBOX;
      try {
        await expect(
          createRun(engine.db, {
            projectId: engine.project.id,
            wbs: plan([scripted("WP-1", "write-edit")]),
            options: {
              agent: "claude",
              agentSettings: {
                permissionMode: "bypassPermissions",
                allowedTools: [],
                extraArgs: "",
                customCommand: "",
                sandbox: false,
              },
            },
          }),
        ).rejects.toThrow(ROOT_REFUSAL_HELP);
      } finally {
        if (inherited !== undefined) process.env.IS_SANDBOX = inherited;
      }

      // What the real CLI says when it is launched anyway.
      const env = { ...process.env };
      delete env.IS_SANDBOX;
      const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
        const child = execFile(
          path.join(BIN, "claude"),
          ["-p", "--output-format", "stream-json", "--verbose", "--dangerously-skip-permissions"],
          { cwd: engine.repo, env },
          (error, stdout, stderr) =>
            resolve({
              code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
              text: `${stdout}${stderr}`,
            }),
        );
        child.stdin?.end("hello [[script:write-edit]]");
      });
      expect(output.code).not.toBe(0);
      expect(isRootRefusal(output.text)).toBe(true);
    },
    60_000,
  );

  it.runIf(isRoot)(
    "as root with IS_SANDBOX=1 exported: launches without the sandbox setting, and the real CLI runs",
    async () => {
      const engine = await setupEngine();
      const inherited = process.env.IS_SANDBOX;
      process.env.IS_SANDBOX = "1";
      try {
        const { run, agentNote } = await createRun(engine.db, {
          projectId: engine.project.id,
          wbs: plan([scripted("WP-1", "write-edit")]),
          options: {
            agent: "claude",
            agentSettings: { sandbox: false },
            graceSeconds: 1,
            reviewMode: "off",
            staggerSeconds: 0,
          },
        });
        expect(agentNote).toContain("IS_SANDBOX=1 is set in the environment");
        await launchRun(engine.ctx, run.id);
        await engine.drive(run.id);
        const snapshot = await loadRunSnapshot(engine.db, run.id);
        expect(snapshot.packages[0].status).toBe("merged");
      } finally {
        if (inherited === undefined) delete process.env.IS_SANDBOX;
        else process.env.IS_SANDBOX = inherited;
      }
    },
    60_000,
  );

  it("stops spending once the run reaches its budget, then goes on when the budget is raised", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(
      engine,
      [scripted("WP-1", "expensive"), scripted("WP-2", "slow-then-quick"), scripted("WP-3", "quick")],
      { concurrency: 2, budgetUsd: 1 },
    );
    const byId = Object.fromEntries(snapshot.packages.map((p) => [p.wpId, p]));
    expect(snapshot.run.costUsd).toBeGreaterThanOrEqual(1);
    expect(snapshot.run.status).toBe("cancelled");
    // WP-1's last turn went past what was left: Claude Code stopped itself (its work reruns once
    // the budget is raised); Flotilla stopped WP-2 and never started WP-3.
    expect(snapshot.run.statusReason).toMatch(
      /^The run's budget of \$1\.00 was reached \(\$\d+\.\d\d spent\): stopped WP-1, WP-2; did not start WP-3\. Raise the budget and resume to finish it\.$/,
    );
    expect(byId["WP-1"]).toMatchObject({
      status: "cancelled",
      statusReason: expect.stringMatching(/^Stopped: Claude Code stopped at its spending limit/),
    });
    expect(byId["WP-2"]).toMatchObject({
      status: "cancelled",
      statusReason: expect.stringMatching(/^Stopped: The run's budget of \$1\.00 was reached/),
    });
    expect(byId["WP-3"]).toMatchObject({ status: "cancelled", statusReason: expect.stringMatching(/^Not started: /) });
    expect(byId["WP-3"].latestAttempt).toBeNull();

    // Retrying while over budget says what to do; raising the budget continues the run.
    await expect(retryPackage(engine.ctx, snapshot.run.id, "WP-2")).rejects.toThrow(
      /Raise the run's budget before retrying WP-2/,
    );
    await expect(changeRunBudget(engine.ctx, snapshot.run.id, 1.5)).rejects.toThrow(
      /already spent \$\d+\.\d\d: give a budget above that/,
    );
    await changeRunBudget(engine.ctx, snapshot.run.id, 50);
    await engine.drive(snapshot.run.id);
    const after = await loadRunSnapshot(engine.db, snapshot.run.id);
    expect(after.run.status).toBe("completed");
    expect(after.packages.map((p) => p.status)).toEqual(["merged", "merged", "merged"]);
  }, 90_000);

  it("settles a run whose last running package its budget stopped, saying why (not as a plain failure)", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(engine, [scripted("WP-1", "expensive"), scripted("WP-2", "slow")], {
      concurrency: 2,
      budgetUsd: 1,
    });
    expect(snapshot.run.status).toBe("cancelled");
    expect(snapshot.run.statusReason).toMatch(
      /^The run's budget of \$1\.00 was reached \(\$\d+\.\d\d spent\): stopped WP-1, WP-2\. Raise the budget/,
    );
  }, 60_000);

  it("gives Claude Code what is left of the budget as its own spending limit, so one long attempt stops itself", async () => {
    const engine = await setupEngine();
    const snapshot = await claudeRun(engine, [scripted("WP-1", "endless")], { budgetUsd: 0.03 });
    const wp = snapshot.packages[0];
    expect(wp.status).toBe("cancelled");
    expect(wp.statusReason).toMatch(
      /^Stopped: Claude Code stopped at its spending limit \(--max-budget-usd: what was left of the run's budget\) after \d+ turns/,
    );
    expect(snapshot.run.status).toBe("cancelled");
    expect(snapshot.run.statusReason).toMatch(
      /^The run's budget of \$0\.03 was reached \(\$0\.0\d+ spent\): stopped WP-1\. Raise the budget and resume to finish it\.$/,
    );
    expect(readFileSync(path.join(wp.latestAttempt!.dir!, "agent.log"), "utf8")).toContain("error_max_budget_usd");
  }, 60_000);

  it("continues a failed package's session on retry when asked, in the worktree it left", async () => {
    const engine = await setupEngine();
    const failed = await claudeRun(engine, [scripted("WP-1", "resumable")]);
    const first = failed.packages[0].latestAttempt!;
    expect(failed.packages[0].status).toBe("failed");
    expect(failed.packages[0].statusReason).toMatch(/^API error 500/);
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(existsSync(path.join(first.worktreePath!, "src/wp-1.ts"))).toBe(true);

    const before = api.requests.length;
    await retryPackage(engine.ctx, failed.run.id, "WP-1", { resumeSession: true });
    await engine.drive(failed.run.id);
    const after = await loadRunSnapshot(engine.db, failed.run.id);
    expect(after.packages[0].status).toBe("merged");
    // The draft the first attempt wrote was edited by the continued session.
    expect(git(engine.repo, "show", `${after.run.featureBranch}:src/wp-1.ts`)).toBe("export const state = 'final';\n");
    // The continued conversation carries the first attempt's turns and the failure as its prompt.
    const resumed = api.requests.slice(before).find((r) => r.script === "resumable")!;
    const text = JSON.stringify(resumed.body.messages);
    expect(text).toContain("toolu_fake_0_0");
    expect(text).toContain("Your previous attempt at work package WP-1 stopped before it was done: API error 500");
    const second = after.packages[0].latestAttempt!;
    expect(readFileSync(path.join(second.dir!, "prompt.md"), "utf8")).toContain("Continue from where you stopped");

    // A fresh retry is the default, and refuses to resume where there is no session.
    await expect(retryPackage(engine.ctx, failed.run.id, "WP-1", { resumeSession: true })).rejects.toThrow(
      /cannot be retried: it is merged/,
    );
  }, 90_000);

  it("resolves a merge conflict with an Edit in the package's resumed session", async () => {
    const engine = await setupEngine();
    writeFileSync(path.join(engine.repo, "registry.js"), REGISTRY);
    git(engine.repo, "add", "registry.js");
    git(engine.repo, "commit", "-qm", "A plugin registry");
    const plugin = (id: string) =>
      scripted(id, "registry", { expected_outputs: [`plugins/${id.toLowerCase()}.js`, "registry.js"] });
    const before = api.requests.length;
    const snapshot = await claudeRun(engine, [plugin("WP-1"), plugin("WP-2")], { concurrency: 2 });

    expect(snapshot.packages.map((p) => [p.wpId, p.status])).toEqual([
      ["WP-1", "merged"],
      ["WP-2", "merged"],
    ]);
    expect(snapshot.run.status).toBe("completed");
    const registry = git(engine.repo, "show", `${snapshot.run.featureBranch}:registry.js`);
    expect(registry).not.toMatch(/^(<{7}|\|{7}|={7}|>{7})/m);
    expect(registry).toBe('export const plugins = [\n  "WP-1",\n  "WP-2",\n];\n');

    // Whichever finished second conflicted with the one merged first (merges go by finish, then id).
    const records = Object.fromEntries(
      snapshot.packages.map((p) => [p.wpId, conflictList(parseConflictState(p.conflict))]),
    );
    const conflicted = snapshot.packages.find((p) => records[p.wpId].length > 0)!;
    const first = snapshot.packages.find((p) => p !== conflicted)!;
    expect(records[first.wpId]).toEqual([]);
    expect(records[conflicted.wpId]).toEqual([
      expect.objectContaining({ files: ["registry.js"], with: [first.wpId], resolvedBy: "agent", rounds: 1 }),
    ]);

    const attempts = await engine.db.attempt.findMany({
      where: { workPackageId: conflicted.id },
      orderBy: { number: "asc" },
    });
    expect(attempts.map((a) => [a.role, a.status])).toEqual([
      ["implement", "succeeded"],
      ["resolve", "succeeded"],
    ]);
    const [implement, resolve] = attempts;
    expect(resolve.costUsd).toBeGreaterThan(0);
    expect(records[conflicted.wpId][0].costUsd).toBeCloseTo(resolve.costUsd!, 10);
    expect(snapshot.run.costUsd).toBeCloseTo(
      (await engine.db.attempt.findMany()).reduce((sum, a) => sum + (a.costUsd ?? 0), 0),
      10,
    );

    // The resolve round continued the implementation's session: the CLI kept its id on --resume,
    // and the conversation the fake API received holds the implementation's own turns.
    expect(implement.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolve.sessionId).toBe(implement.sessionId);
    const resolveRequests = api.requests
      .slice(before)
      .filter((r) =>
        JSON.stringify(r.body.messages).includes(`Resolve a merge conflict in work package ${conflicted.wpId}`),
      );
    expect(resolveRequests.length).toBeGreaterThan(0);
    type Block = { type: string; text?: string; name?: string; input?: { file_path?: string } };
    const messages = resolveRequests[0].body.messages as Array<{ role: string; content: string | Block[] }>;
    const texts = (m: (typeof messages)[number]) =>
      typeof m.content === "string" ? m.content : m.content.map((b) => b.text ?? "").join("\n");
    expect(texts(messages.find((m) => m.role === "user")!)).toContain(`# Work Package ${conflicted.wpId}:`);
    const toolUses = messages
      .filter((m) => m.role === "assistant" && Array.isArray(m.content))
      .flatMap((m) => (m.content as Block[]).filter((b) => b.type === "tool_use"))
      .map((b) => [b.name, path.relative(implement.worktreePath!, b.input!.file_path!)]);
    expect(toolUses).toEqual([
      ["Write", `plugins/${conflicted.wpId.toLowerCase()}.js`],
      ["Read", "registry.js"],
      ["Edit", "registry.js"],
    ]);
    expect(texts(messages.at(-1)!)).toMatch(
      new RegExp(`^# Resolve a merge conflict in work package ${conflicted.wpId}: `, "m"),
    );
    // What the resolve round did, as the activity shows it.
    const feed = await readActivity("claude", resolve);
    expect(feed.items[0]).toMatchObject({ kind: "session", sessionId: implement.sessionId });
    expect(feed.items.filter((i) => i.kind === "tool").map((t) => [t.tool, t.state])).toEqual([
      ["Read", "ok"],
      ["Edit", "ok"],
    ]);
  }, 90_000);
});
