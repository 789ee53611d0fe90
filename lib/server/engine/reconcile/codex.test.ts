// The Codex adapter against the real CLI (@openai/codex, its native binary), pointed at a fake
// Responses API on 127.0.0.1 through a custom model provider in a private CODEX_HOME: Codex
// really runs the commands and applies the patches it is told to, in the package's worktree,
// and Flotilla reads its `exec --json` events.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import type { RunOptionOverrides } from "@/lib/server/engine/commands/create-run";
import { plan, pkg, setupEngine } from "@/lib/testing/engine-harness";
import {
  addFilePatch,
  codexHome,
  startFakeResponsesApi,
  updateLinePatch,
  type FakeResponsesApi,
  type Script,
} from "@/lib/testing/fake-responses-api";
import { readActivity } from "@/lib/server/runs/read-activity";
import { planTask } from "@/lib/server/plan/plan-task";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { retryPackage } from "@/lib/server/engine/commands/retry-package";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

/** Where `codex` comes from: the pinned copy, or (CI's latest pass) the folder it names. */
const BIN = process.env.FLOTILLA_AGENT_BIN || path.resolve("node_modules/.bin");

const SCRIPTS: Record<string, Script> = {
  // A file through a patch, a command that checks it, then the final message.
  "patch-run": ({ turn }) =>
    [
      { patch: addFilePatch("src/wp-1.js", "export const greeting = 'hello';") },
      { command: "node --input-type=module -e \"import('./src/wp-1.js').then(m => console.log(m.greeting))\"" },
      {
        text: "Added src/wp-1.js and checked it.",
        usage: { input_tokens: 3000, cached_tokens: 1000, output_tokens: 200 },
      },
    ][Math.min(turn, 2)],
  // The check fails: the activity says so, and Codex still finishes.
  "failing-command": ({ turn, last }) =>
    turn === 0
      ? { command: "node -e \"console.error('2 tests failing'); process.exit(3)\"" }
      : { text: last.includes("exited with code 3") ? "The tests fail; stopping here." : `Unexpected: ${last}` },
  refused: () => ({ error: 400, message: "This model is not available to your organisation." }),
  // Finishes its turn without changing anything (Flotilla fails it); the resumed thread does the work.
  lazy: ({ turn, last }) => {
    if (last.includes("Your previous attempt"))
      return { patch: addFilePatch("src/wp-1.js", "export const done = true;") };
    return turn === 0 ? { text: "Nothing to do." } : { text: "Done now." };
  },
  // The implementation, then its spec reviewer (same package, same marker) approving it.
  reviewed: ({ turn, all }) => {
    if (all.includes("spec-compliance reviewer"))
      return { text: '```json\n{ "verdict": "approve", "issues": [] }\n```' };
    return turn === 0 ? { patch: addFilePatch("src/wp-1.js", "export const a = 1;") } : { text: "Done." };
  },
  planner: () => ({
    text: JSON.stringify({
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
  }),
  // Writes a draft, then the API refuses; the resumed thread finishes it.
  resumable: ({ turn, last }) => {
    if (last.includes("Your previous attempt at work package WP-1 stopped before it was done"))
      return {
        patch: updateLinePatch("src/wp-1.js", "export const state = 'draft';", "export const state = 'final';"),
      };
    // Codex reports an updated file as "M path" (an added one as "A path").
    if (last.includes("M src/wp-1.js")) return { text: "Finished the draft." };
    if (turn === 0) return { patch: addFilePatch("src/wp-1.js", "export const state = 'draft';") };
    return { error: 400, message: "Context window exceeded." };
  },
};

let api: FakeResponsesApi;
let home: string;
let version: string;

beforeAll(async () => {
  api = await startFakeResponsesApi(SCRIPTS);
  home = mkdtempSync(path.join(os.tmpdir(), "flotilla-codex-home-"));
  // Workers inherit this environment: the real CLI, talking to the fake API, alone.
  Object.assign(process.env, {
    PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
    CODEX_HOME: codexHome(path.join(home, "codex"), api.url),
    FAKE_OPENAI_KEY: "sk-test-fake",
  });
  version = execFileSync("codex", ["--version"], { encoding: "utf8" }).trim();
});
afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
});

const codexRun = (
  engine: Awaited<ReturnType<typeof setupEngine>>,
  packages: ReturnType<typeof pkg>[],
  options: RunOptionOverrides = {},
) =>
  engine.runWith(plan(packages), {
    agent: "codex",
    agentSettings: { model: "gpt-5-codex", permissionMode: "bypassPermissions" },
    staggerSeconds: 0,
    ...options,
  });

const scripted = (id: string, script: string, extra: Parameters<typeof pkg>[2] = {}) =>
  pkg(id, [], { scope: `Builds ${id} [[script:${script}]]`, ...extra });

describe("Codex CLI, the real CLI against a fake Responses API", () => {
  it("completes a package through a patch and a command, merges it, and reports tokens and cost", async () => {
    const engine = await setupEngine();
    const snapshot = await codexRun(engine, [scripted("WP-1", "patch-run", { outputs: ["src/wp-1.js"] })]);
    const wp = snapshot.packages[0];
    expect(wp.status, `${version}: ${wp.statusReason}`).toBe("merged");
    expect(git(engine.repo, "show", `${snapshot.run.featureBranch}:src/wp-1.js`)).toBe(
      "export const greeting = 'hello';\n",
    );

    const attempt = wp.latestAttempt!;
    // Three model requests in one turn: 1000 + 1000 + 3000 input, 50 + 50 + 200 output.
    expect(attempt.inputTokens).toBe(5000);
    expect(attempt.outputTokens).toBe(300);
    // gpt-5-codex at its built-in price: 3600 uncached, 1400 cached, 300 output tokens.
    expect(attempt.costUsd).toBeCloseTo((3600 * 1.25 + 1400 * 0.125 + 300 * 10) / 1e6, 10);
    expect(attempt.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(snapshot.run.costUsd).toBeCloseTo(attempt.costUsd!, 10);
    const report = await buildRunReport(engine.db, snapshot.run.id);
    expect(report.workPackages[0]).toMatchObject({ tokens: { input: 5000, output: 300 } });

    const feed = await readActivity("codex", attempt);
    const tools = feed.items.filter((i) => i.kind === "tool");
    expect(tools.map((t) => [t.tool, t.detail, t.state])).toEqual([
      ["Add", "src/wp-1.js", "ok"],
      ["Run", "node --input-type=module -e \"import('./src/wp-1.js').then(m => console.log(m.greeting))\"", "ok"],
    ]);
    expect(tools[1]).toMatchObject({ output: "hello\n" });
    expect(feed.items.at(-2)).toEqual({ kind: "message", text: "Added src/wp-1.js and checked it." });
    expect(feed.items.at(-1)).toMatchObject({ kind: "result", ok: true });
  }, 60_000);

  it("shows a failing command with its exit code in the activity", async () => {
    const engine = await setupEngine();
    const snapshot = await codexRun(engine, [scripted("WP-1", "failing-command", { outputs: [] })]);
    const feed = await readActivity("codex", snapshot.packages[0].latestAttempt!);
    const run = feed.items.find((i) => i.kind === "tool");
    expect(run, version).toMatchObject({ tool: "Run", state: "error" });
    expect(run?.kind === "tool" && run.output).toMatch(/^exit code 3\n2 tests failing/);
    expect(feed.items.at(-2)).toEqual({ kind: "message", text: "The tests fail; stopping here." });
  }, 60_000);

  it("fails a package on an API error, saying why in words", async () => {
    const engine = await setupEngine();
    const snapshot = await codexRun(engine, [scripted("WP-1", "refused")]);
    const wp = snapshot.packages[0];
    expect(wp.status, version).toBe("failed");
    expect(wp.statusReason).toMatch(/^Codex reported an error: .*not available to your organisation/);
  }, 60_000);

  it("records only a resumed attempt's own tokens, though Codex reports the thread's running total", async () => {
    const engine = await setupEngine();
    const failed = await codexRun(engine, [scripted("WP-1", "lazy", { outputs: ["src/wp-1.js"] })]);
    expect(failed.packages[0].status, version).toBe("failed");
    const first = failed.packages[0].latestAttempt!;
    expect([first.inputTokens, first.outputTokens]).toEqual([1000, 50]);
    await retryPackage(engine.ctx, failed.run.id, "WP-1", { resumeSession: true });
    await engine.drive(failed.run.id);
    const after = await loadRunSnapshot(engine.db, failed.run.id);
    expect(after.packages[0].status, after.packages[0].statusReason ?? "").toBe("merged");
    const second = after.packages[0].latestAttempt!;
    // Codex said 3000 in / 150 out for the thread; two of those requests were this attempt's.
    expect([second.inputTokens, second.outputTokens]).toEqual([2000, 100]);
    expect(after.run.costUsd).toBeCloseTo(first.costUsd! + second.costUsd!, 10);
    expect(second.costUsd).toBeCloseTo((1600 * 1.25 + 400 * 0.125 + 100 * 10) / 1e6, 10);
  }, 90_000);

  it("runs the reviewers through the same CLI, reading their JSON verdict from the final message", async () => {
    const engine = await setupEngine();
    const snapshot = await codexRun(engine, [scripted("WP-1", "reviewed", { outputs: ["src/wp-1.js"] })], {
      reviewMode: "spec",
    });
    const wp = snapshot.packages[0];
    expect(wp.status, `${version}: ${wp.statusReason}`).toBe("merged");
    const attempts = await engine.db.attempt.findMany({ where: { workPackageId: wp.id }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => [a.role, a.status])).toEqual([
      ["implement", "succeeded"],
      ["spec-review", "succeeded"],
    ]);
    expect(attempts[1].costUsd).toBeGreaterThan(0);
  }, 60_000);

  it("plans a task with the agent planner through the same CLI", async () => {
    const engine = await setupEngine();
    const planned = await planTask(engine.db, engine.dataDir, {
      projectId: engine.project.id,
      request: { task: "Add greetings and farewells [[script:planner]]", count: 2, deps: "some" },
      planner: "agent",
      agent: "codex",
      agentSettings: agentSettingsSchema.parse({ model: "gpt-5-codex" }),
    });
    expect(planned.planner, planned.notice ?? "").toBe("agent");
    expect(planned.wbs.work_packages.map((p) => [p.id, p.dependencies])).toEqual([
      ["WP-1", []],
      ["WP-2", ["WP-1"]],
    ]);
  }, 60_000);

  it("continues a failed package's thread on retry when asked, in the worktree it left", async () => {
    const engine = await setupEngine();
    const failed = await codexRun(engine, [scripted("WP-1", "resumable", { outputs: ["src/wp-1.js"] })]);
    const first = failed.packages[0].latestAttempt!;
    expect(failed.packages[0].status, version).toBe("failed");
    expect(failed.packages[0].statusReason).toMatch(/Context window exceeded/);
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(existsSync(path.join(first.worktreePath!, "src/wp-1.js"))).toBe(true);

    const before = api.requests.length;
    await retryPackage(engine.ctx, failed.run.id, "WP-1", { resumeSession: true });
    await engine.drive(failed.run.id);
    const after = await loadRunSnapshot(engine.db, failed.run.id);
    expect(after.packages[0].status, after.packages[0].statusReason ?? "").toBe("merged");
    expect(git(engine.repo, "show", `${after.run.featureBranch}:src/wp-1.js`)).toBe("export const state = 'final';\n");
    // The resumed conversation carries the first attempt's patch and the failure as its prompt.
    const resumed = api.requests.slice(before).find((r) => r.script === "resumable")!;
    const text = JSON.stringify(resumed.body.input);
    expect(text).toContain("*** Add File: src/wp-1.js");
    expect(text).toContain("Your previous attempt at work package WP-1 stopped before it was done");
    const second = after.packages[0].latestAttempt!;
    expect(second.sessionId).toBe(first.sessionId);
    expect(readFileSync(path.join(second.dir!, "prompt.md"), "utf8")).toContain("Continue from where you stopped");
  }, 90_000);
});
