// The ACP adapter: Flotilla's client (scripts/acp-client.mjs, on the official SDK) drives an
// Agent Client Protocol agent over stdio. The agent here is the test suite's own
// (e2e/fixtures/agents/acp-agent.mjs), built on the same SDK: it really writes the worktree,
// asks permission before it runs a command, reports a plan and its cost, and loads a session.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import type { AgentSettings } from "@/lib/core/agents/agent-types";
import { plan, pkg, setupEngine } from "@/lib/testing/engine-harness";
import { readActivity } from "@/lib/server/runs/read-activity";
import { cancelPackage } from "@/lib/server/engine/commands/cancel";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { retryPackage } from "@/lib/server/engine/commands/retry-package";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { tick } from "@/lib/server/engine/reconcile/tick";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";
import { sequence, startFakeAnthropicApi, type FakeAnthropicApi } from "@/lib/testing/fake-anthropic-api";

const ACP_AGENT = path.resolve("e2e/fixtures/agents/acp-agent.mjs");
let stateDir: string;

beforeAll(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "flotilla-acp-state-"));
  process.env.ACP_TEST_STATE_DIR = stateDir;
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function acpRun(script: string, permissionMode: AgentSettings["permissionMode"] = "bypassPermissions") {
  const engine = await setupEngine();
  const { run } = await createRun(engine.db, {
    projectId: engine.project.id,
    wbs: plan([pkg("WP-1", [], { scope: `Builds WP-1 [[acp:${script}]]`, outputs: ["src/wp-1.js"] })]),
    options: {
      agent: "acp",
      agentSettings: { customCommand: `node ${ACP_AGENT}`, permissionMode },
      graceSeconds: 1,
      reviewMode: "off",
      staggerSeconds: 0,
    },
  });
  await launchRun(engine.ctx, run.id);
  return { engine, runId: run.id };
}

describe("ACP agents, through Flotilla's ACP client", () => {
  it("completes a package: tool calls with their status, the plan, the permission answered, the cost", async () => {
    const { engine, runId } = await acpRun("write");
    await engine.drive(runId);
    const snapshot = await loadRunSnapshot(engine.db, runId);
    const wp = snapshot.packages[0];
    expect(wp.status, wp.statusReason ?? "").toBe("merged");
    expect(git(engine.repo, "show", `${snapshot.run.featureBranch}:src/wp-1.js`)).toBe(
      "export const greeting = 'hello';\n",
    );
    const attempt = wp.latestAttempt!;
    expect(attempt.costUsd).toBe(0.0125);
    expect(snapshot.run.costUsd).toBeCloseTo(0.0125, 10);
    expect(attempt.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const feed = await readActivity("acp", attempt);
    expect(feed.items.map((i) => i.kind)).toEqual([
      "session",
      "message",
      "tool",
      "tool",
      "message",
      "message",
      "result",
    ]);
    expect(feed.items[1]).toEqual({ kind: "message", text: "Plan:\n[x] Write the module\n[ ] Run the check" });
    expect(feed.items[2]).toMatchObject({ kind: "tool", tool: "Edit", detail: "Write src/wp-1.js", state: "ok" });
    expect(feed.items[3]).toMatchObject({ kind: "tool", tool: "Run", state: "ok", output: "checked\n" });
    expect(feed.items[4]).toMatchObject({ kind: "message", text: expect.stringMatching(/^Allowed .*: Run /) });
    expect(feed.items[5]).toEqual({ kind: "message", text: "Wrote src/wp-1.js and checked it." });
    expect(feed.items[6]).toMatchObject({ kind: "result", ok: true });
  }, 60_000);

  it("answers permission requests from the project's setting: accept edits refuses to run a command", async () => {
    const { engine, runId } = await acpRun("write", "acceptEdits");
    await engine.drive(runId);
    const wp = (await loadRunSnapshot(engine.db, runId)).packages[0];
    expect(wp.status).toBe("merged");
    const feed = await readActivity("acp", wp.latestAttempt!);
    const run = feed.items.find((i) => i.kind === "tool" && i.tool === "Run");
    expect(run).toMatchObject({ state: "error", output: "The client refused to run it." });
    expect(feed.items).toContainEqual(
      expect.objectContaining({ kind: "message", text: expect.stringMatching(/^Refused .*: Run /) }),
    );
    expect(feed.items.filter((i) => i.kind === "message").at(-1)).toEqual({
      kind: "message",
      text: "Wrote src/wp-1.js; I was not allowed to check it.",
    });
  }, 60_000);

  it("fails a package whose agent reports an error, and continues the session on retry", async () => {
    const { engine, runId } = await acpRun("resumable");
    await engine.drive(runId);
    const failed = (await loadRunSnapshot(engine.db, runId)).packages[0];
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toMatch(/^The ACP agent failed: .*overloaded/);
    const first = failed.latestAttempt!;
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    await retryPackage(engine.ctx, runId, "WP-1", { resumeSession: true });
    await engine.drive(runId);
    const after = await loadRunSnapshot(engine.db, runId);
    expect(after.packages[0].status, after.packages[0].statusReason ?? "").toBe("merged");
    expect(git(engine.repo, "show", `${after.run.featureBranch}:src/wp-1.js`)).toBe("export const state = 'final';\n");
    const second = after.packages[0].latestAttempt!;
    expect(second.sessionId).toBe(first.sessionId);
    // The session was loaded (its history replayed to the client, not into the feed) and prompted again.
    const saved = JSON.parse(readFileSync(path.join(stateDir, `${first.sessionId}.json`), "utf8")) as {
      prompts: string[];
    };
    expect(saved.prompts).toHaveLength(2);
    expect(saved.prompts[1]).toContain("Your previous attempt at work package WP-1 stopped before it was done");
    const feed = await readActivity("acp", second);
    expect(feed.items.filter((i) => i.kind === "tool")).toEqual([]);
  }, 60_000);

  it("cancels a running turn: the package is cancelled and no agent process is left", async () => {
    const { engine, runId } = await acpRun("slow");
    await tick(engine.ctx, runId);
    const running = (await loadRunSnapshot(engine.db, runId)).packages[0].latestAttempt!;
    const marker = path.join(running.worktreePath!, ".acp-running");
    for (let i = 0; i < 200 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(marker)).toBe(true);
    await cancelPackage(engine.ctx, runId, "WP-1");
    await engine.drive(runId);
    const wp = (await loadRunSnapshot(engine.db, runId)).packages[0];
    expect(wp.status).toBe("cancelled");
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(running.pid!)).toBe(false);
    // The ACP agent itself (a child of Flotilla's client) is gone too.
    expect(alive(Number(readFileSync(marker, "utf8")))).toBe(false);
    const output = readFileSync(path.join(running.dir!, "output.md"), "utf8");
    expect(output).toContain('"type":"session"');
  }, 60_000);
});

// A real ACP agent from the registry: Zed's Claude Code bridge (@zed-industries/claude-agent-acp,
// which runs the Claude Code that its Agent SDK bundles), against the fake Messages API.
describe("a real ACP bridge: @zed-industries/claude-agent-acp", () => {
  let api: FakeAnthropicApi;
  let home: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    api = await startFakeAnthropicApi({
      bridge: sequence((cwd) => [
        {
          tools: [
            {
              name: "Write",
              input: { file_path: path.join(cwd, "src/wp-1.js"), content: "export const via = 'acp';\n" },
            },
          ],
        },
        { tools: [{ name: "Bash", input: { command: "node src/wp-1.js && echo ran", description: "Check it" } }] },
        { text: "Wrote src/wp-1.js through ACP." },
      ]),
    });
    home = mkdtempSync(path.join(os.tmpdir(), "flotilla-acp-claude-home-"));
    Object.assign(process.env, {
      HOME: home,
      CLAUDE_CONFIG_DIR: path.join(home, ".claude"),
      ANTHROPIC_BASE_URL: api.url,
      ANTHROPIC_API_KEY: "sk-ant-test-fake",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_ERROR_REPORTING: "1",
      CLAUDE_CODE_MAX_RETRIES: "1",
      IS_SANDBOX: "1",
    });
  });
  afterAll(async () => {
    await api?.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    rmSync(home, { recursive: true, force: true });
  });

  it("completes a package through the bridge: its tool calls, titles and cost in the feed", async () => {
    const engine = await setupEngine();
    const bridge = path.resolve("node_modules/@zed-industries/claude-agent-acp/dist/index.js");
    const { run } = await createRun(engine.db, {
      projectId: engine.project.id,
      wbs: plan([pkg("WP-1", [], { scope: "Builds WP-1 [[script:bridge]]", outputs: ["src/wp-1.js"] })]),
      options: {
        agent: "acp",
        agentSettings: { customCommand: `node ${bridge}`, permissionMode: "bypassPermissions" },
        graceSeconds: 1,
        reviewMode: "off",
        staggerSeconds: 0,
      },
    });
    await launchRun(engine.ctx, run.id);
    await engine.drive(run.id);
    const snapshot = await loadRunSnapshot(engine.db, run.id);
    const wp = snapshot.packages[0];
    expect(wp.status, wp.statusReason ?? "").toBe("merged");
    expect(git(engine.repo, "show", `${snapshot.run.featureBranch}:src/wp-1.js`)).toBe("export const via = 'acp';\n");
    expect(wp.latestAttempt!.costUsd).toBeGreaterThan(0);
    const feed = await readActivity("acp", wp.latestAttempt!);
    const tools = feed.items.filter((i) => i.kind === "tool");
    expect(tools.map((t) => [t.tool, t.state])).toEqual([
      ["Edit", "ok"],
      ["Run", "ok"],
    ]);
    expect(tools[0].kind === "tool" && tools[0].detail).toBe("Write src/wp-1.js");
    expect(feed.items.filter((i) => i.kind === "message").at(-1)).toEqual({
      kind: "message",
      text: "Wrote src/wp-1.js through ACP.",
    });
  }, 90_000);
});
