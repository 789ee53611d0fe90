// The Gemini CLI adapter against the real CLI (@google/gemini-cli), pointed at a fake Gemini API
// on 127.0.0.1 (GOOGLE_GEMINI_BASE_URL, API-key auth in a private GEMINI_CLI_HOME): the CLI
// really runs the write_file, replace and run_shell_command tools it is told to, in the
// package's worktree, and Flotilla reads its stream-json output.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import type { RunOptionOverrides } from "@/lib/server/engine/commands/create-run";
import { plan, pkg, setupEngine } from "@/lib/testing/engine-harness";
import { geminiHome, startFakeGeminiApi, type FakeGeminiApi, type Script } from "@/lib/testing/fake-gemini-api";
import { readActivity } from "@/lib/server/runs/read-activity";
import { retryPackage } from "@/lib/server/engine/commands/retry-package";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const BIN = process.env.FLOTILLA_AGENT_BIN || path.resolve("node_modules/.bin");

const SCRIPTS: Record<string, Script> = {
  "write-run": ({ turn }) =>
    [
      { tool: "write_file", args: { file_path: "src/wp-1.js", content: "export const greeting = 'hello';\n" } },
      { tool: "run_shell_command", args: { command: "node -e \"console.log('checked')\"", description: "check" } },
      { text: "Wrote src/wp-1.js and checked it." },
    ][Math.min(turn, 2)],
  refused: () => ({ error: 400, message: "API key not valid. Please pass a valid API key." }),
  resumable: ({ turn, last }) => {
    if (last.includes("Your previous attempt at work package WP-1 stopped before it was done"))
      return {
        tool: "replace",
        args: {
          file_path: "src/wp-1.js",
          instruction: "finish the draft",
          old_string: "export const state = 'draft';",
          new_string: "export const state = 'final';",
        },
      };
    if (turn === 0)
      return { tool: "write_file", args: { file_path: "src/wp-1.js", content: "export const state = 'draft';\n" } };
    if (last.includes("final") || /modified/i.test(last) || turn >= 2) return { text: "Finished the draft." };
    return { error: 400, message: "Request contains an invalid argument." };
  },
};

let api: FakeGeminiApi;
let home: string;
let version: string;

beforeAll(async () => {
  api = await startFakeGeminiApi(SCRIPTS);
  home = mkdtempSync(path.join(os.tmpdir(), "flotilla-gemini-home-"));
  Object.assign(process.env, {
    PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
    GEMINI_CLI_HOME: geminiHome(home),
    GEMINI_API_KEY: "fake-gemini-key",
    GOOGLE_GEMINI_BASE_URL: api.url,
  });
  version = `gemini ${execFileSync("gemini", ["--version"], { encoding: "utf8" }).trim()}`;
});
afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
});

const geminiRun = (
  engine: Awaited<ReturnType<typeof setupEngine>>,
  packages: ReturnType<typeof pkg>[],
  options: RunOptionOverrides = {},
) =>
  engine.runWith(plan(packages), {
    agent: "gemini",
    agentSettings: { model: "gemini-2.5-flash", permissionMode: "bypassPermissions" },
    staggerSeconds: 0,
    ...options,
  });

const scripted = (id: string, script: string, extra: Parameters<typeof pkg>[2] = {}) =>
  pkg(id, [], { scope: `Builds ${id} [[script:${script}]]`, ...extra });

describe("Gemini CLI, the real CLI against a fake Gemini API", () => {
  it("completes a package through write_file and a shell command, merges it, and reports tokens and cost", async () => {
    const engine = await setupEngine();
    const snapshot = await geminiRun(engine, [scripted("WP-1", "write-run", { outputs: ["src/wp-1.js"] })]);
    const wp = snapshot.packages[0];
    expect(wp.status, `${version}: ${wp.statusReason}`).toBe("merged");
    expect(git(engine.repo, "show", `${snapshot.run.featureBranch}:src/wp-1.js`)).toBe(
      "export const greeting = 'hello';\n",
    );
    const attempt = wp.latestAttempt!;
    expect(attempt.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(attempt.inputTokens).toBeGreaterThanOrEqual(3000);
    expect(attempt.outputTokens).toBeGreaterThan(0);
    expect(attempt.costUsd).toBeGreaterThan(0);

    const feed = await readActivity("gemini", attempt);
    const tools = feed.items.filter((i) => i.kind === "tool");
    expect(tools.map((t) => [t.tool, t.detail, t.state])).toEqual([
      ["write_file", "src/wp-1.js", "ok"],
      ["run_shell_command", "node -e \"console.log('checked')\"", "ok"],
    ]);
    // The streamed answer is one message, not its chunks.
    expect(feed.items.filter((i) => i.kind === "message").at(-1)).toEqual({
      kind: "message",
      text: "Wrote src/wp-1.js and checked it.",
    });
    expect(feed.items.at(-1)).toMatchObject({ kind: "result", ok: true });
  }, 90_000);

  it("fails a package on an API error, saying why in words", async () => {
    const engine = await setupEngine();
    const snapshot = await geminiRun(engine, [scripted("WP-1", "refused")]);
    const wp = snapshot.packages[0];
    expect(wp.status, version).toBe("failed");
    expect(wp.statusReason).toMatch(/^Gemini CLI reported an error: .*API key not valid/);
  }, 90_000);

  it("continues a failed package's session on retry when asked", async () => {
    const engine = await setupEngine();
    const failed = await geminiRun(engine, [scripted("WP-1", "resumable", { outputs: ["src/wp-1.js"] })]);
    const first = failed.packages[0].latestAttempt!;
    expect(failed.packages[0].status, version).toBe("failed");
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const before = api.requests.length;
    await retryPackage(engine.ctx, failed.run.id, "WP-1", { resumeSession: true });
    await engine.drive(failed.run.id);
    const after = await loadRunSnapshot(engine.db, failed.run.id);
    expect(after.packages[0].status, after.packages[0].statusReason ?? "").toBe("merged");
    expect(git(engine.repo, "show", `${after.run.featureBranch}:src/wp-1.js`)).toBe("export const state = 'final';\n");
    const resumed = api.requests.slice(before).find((r) => r.script === "resumable" && r.url.includes("stream"))!;
    const text = JSON.stringify(resumed.body.contents);
    expect(text).toContain("write_file");
    expect(text).toContain("Your previous attempt at work package WP-1 stopped before it was done");
    const second = after.packages[0].latestAttempt!;
    expect(second.sessionId).toBe(first.sessionId);
    expect(readFileSync(path.join(second.dir!, "prompt.md"), "utf8")).toContain("Continue from where you stopped");
  }, 120_000);
});
