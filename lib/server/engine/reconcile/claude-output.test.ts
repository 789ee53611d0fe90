import { chmodSync, copyFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pkg, plan, setupEngine, statuses } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { createRun } from "@/lib/server/engine/commands/create-run";

// These tests run as root here: like a root user, they declare the machine a sandbox.
const claude = { agent: "claude" as const, agentSettings: agentSettingsSchema.parse({ sandbox: true }) };

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
  delete process.env.FAKE_CLAUDE_MODE;
});

/** Puts a fake `claude` first on PATH. */
function fakeClaudeOnPath(mode: string) {
  const bin = tempDir("fake-bin-");
  copyFileSync(path.resolve("e2e/fixtures/agents/fake-claude.mjs"), path.join(bin, "claude"));
  chmodSync(path.join(bin, "claude"), 0o755);
  process.env.PATH = `${bin}${path.delimiter}${originalPath}`;
  process.env.FAKE_CLAUDE_MODE = mode;
}

describe("Claude Code output in the engine", () => {
  it("records the result's summary, cost, tokens and session, and adds the cost to the run", async () => {
    fakeClaudeOnPath("success");
    const { run, db } = await setupEngine();
    const result = await run(plan([pkg("WP-1"), pkg("WP-2")]), "", claude);
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "merged" });
    expect(result.packages[0].latestAttempt).toMatchObject({
      costUsd: 0.25,
      inputTokens: 1000,
      outputTokens: 200,
      sessionId: "session-WP-1",
    });
    expect(result.run.costUsd).toBeCloseTo(0.5);
    const report = await buildRunReport(db, result.run.id);
    expect(report.workPackages[0].summary).toBe("Wrote src/wp-1.ts");
  });

  it("fails the package with the API error in words", async () => {
    fakeClaudeOnPath("api-error");
    const { run } = await setupEngine();
    const result = await run(plan([pkg("WP-1")]), "", claude);
    expect(result.packages[0]).toMatchObject({
      status: "failed",
      statusReason: "Claude Code reported an error: API Error: 529 overloaded after 10 retries (exit code 1)",
    });
  });

  it("reports a run that ended without a result line, even with exit code 0", async () => {
    fakeClaudeOnPath("no-result");
    const { run } = await setupEngine();
    const result = await run(plan([pkg("WP-1")]), "", claude);
    expect(result.packages[0]).toMatchObject({
      status: "failed",
      statusReason: "Claude Code ended without a result line (exit code 0)",
    });
  });

  it.runIf(process.getuid?.() === 0)(
    "refuses to launch Claude Code as root with skipped permissions, saying how to fix it",
    async () => {
      fakeClaudeOnPath("success");
      const { db, project } = await setupEngine();
      const attempt = createRun(db, {
        projectId: project.id,
        wbs: plan([pkg("WP-1")]),
        options: { agent: "claude", agentSettings: agentSettingsSchema.parse({}) },
      });
      await expect(attempt).rejects.toThrow(
        /refuses to skip permissions when it runs as root[\s\S]*normal user[\s\S]*IS_SANDBOX=1[\s\S]*Accept edits only/,
      );
      expect(await db.run.count()).toBe(0);
    },
  );
});
