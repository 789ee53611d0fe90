import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { parseReviewState } from "@/lib/core/review/review-state";
import { pkg, plan, setupEngine, statuses } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { approvePackage, rejectPackage } from "@/lib/server/engine/commands/human-review";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const verdicts = (p: { review: string }) => parseReviewState(p.review).history.map((r) => `${r.stage}:${r.verdict}`);
const roles = (p: { attempts: Array<{ role: string; number: number }> }) =>
  [...p.attempts].sort((a, b) => a.number - b.number).map((a) => a.role);

describe("review gates (fake implementer and reviewer commands)", () => {
  it("approves at both stages, then merges", async () => {
    const { run } = await setupEngine();
    const state = tempDir();
    const result = await run(plan([pkg("WP-1")]), `state=${state}`, { reviewMode: "spec+quality" });
    expect(statuses(result)).toEqual({ "WP-1": "merged" });
    expect(verdicts(result.packages[0])).toEqual(["spec:approve", "quality:approve"]);
    expect(roles(result.packages[0])).toEqual(["implement", "spec-review", "quality-review"]);
  });

  it("rejects once, fixes with the issues in the prompt, approves after the fix", async () => {
    const { run } = await setupEngine();
    const state = tempDir();
    const log = tempDir();
    const result = await run(plan([pkg("WP-1")]), `spec=reject-once state=${state} log=${log}`, {
      reviewMode: "spec+quality",
    });
    expect(statuses(result)).toEqual({ "WP-1": "merged" });
    expect(verdicts(result.packages[0])).toEqual(["spec:reject", "spec:approve", "quality:approve"]);
    expect(roles(result.packages[0])).toEqual(["implement", "spec-review", "fix", "spec-review", "quality-review"]);
    const fixPrompt = readFileSync(path.join(log, "WP-1-fix-prompt.txt"), "utf8");
    expect(fixPrompt).toContain("The spec reviewer asked for changes");
    expect(fixPrompt).toContain("- src/wp-1.ts:1: spec issue 1: handle the empty case");
  });

  it("defers a package rejected twice, lets the others finish, then reruns it alone and merges it", async () => {
    const { run, repo } = await setupEngine();
    const state = tempDir();
    const result = await run(
      plan([pkg("WP-1"), pkg("WP-2"), pkg("WP-3", ["WP-1"])]),
      `WP-1.quality=reject-twice state=${state}`,
      { reviewMode: "spec+quality" },
    );
    expect(statuses(result)).toEqual({ "WP-1": "merged", "WP-2": "merged", "WP-3": "merged" });
    const wp1 = result.packages[0];
    expect(parseReviewState(wp1.review).pass).toBe("sequential");
    // Quality rejected, the fix ran, quality rejected again: deferred. Alone later: approved.
    expect(verdicts(wp1)).toEqual([
      "spec:approve",
      "quality:reject",
      "quality:reject",
      "spec:approve",
      "quality:approve",
    ]);
    // WP-2 merged first; WP-1 ran again on top of it, and WP-3 (behind WP-1) after that.
    const order = git(repo, "log", "--merges", "--reverse", "--format=%s", result.run.featureBranch!)
      .trim()
      .split("\n");
    expect(order).toEqual(["feat(wp-2): Package WP-2", "feat(wp-1): Package WP-1", "feat(wp-3): Package WP-3"]);
  });

  it("leaves a deferred package failed, with its review history, when it is rejected twice again", async () => {
    const { run } = await setupEngine();
    const state = tempDir();
    const result = await run(plan([pkg("WP-1"), pkg("WP-2")]), `WP-1.spec=reject state=${state}`, {
      reviewMode: "spec",
    });
    expect(statuses(result)).toEqual({ "WP-1": "failed", "WP-2": "merged" });
    expect(result.packages[0].statusReason).toContain("rejected it twice again in its second, sequential pass");
    expect(verdicts(result.packages[0])).toEqual(["spec:reject", "spec:reject", "spec:reject", "spec:reject"]);
    expect(result.run.status).toBe("failed");
  });

  it("counts a reviewer without a readable verdict as a failure, never an approval", async () => {
    const { run } = await setupEngine();
    const result = await run(plan([pkg("WP-1")]), `spec=garbage state=${tempDir()}`, { reviewMode: "spec" });
    expect(result.packages[0]).toMatchObject({
      status: "failed",
      statusReason: expect.stringContaining("The spec reviewer gave no readable verdict"),
    });
    expect(verdicts(result.packages[0])).toEqual(["spec:none"]);
    expect(result.packages[0].mergeCommit).toBeNull();
  });

  it("waits for a person: approve merges; reject sends the comment to a fix, then waits again", async () => {
    const { db, ctx, project, drive, driveUntil } = await setupEngine();
    const state = tempDir();
    const log = tempDir();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1"), pkg("WP-2")]),
      options: {
        agent: "custom",
        reviewMode: "human",
        agentSettings: {
          customCommand: `node ${path.resolve("e2e/fixtures/agents/fake-agent.mjs")} state=${state} log=${log}`,
          permissionMode: "bypassPermissions",
          allowedTools: [],
          extraArgs: "",
          sandbox: false,
        },
      },
    });
    await launchRun(ctx, run.id);
    const waitFor = (want: Record<string, string>) => driveUntil(run.id, want);
    await waitFor({ "WP-1": "awaiting_approval", "WP-2": "awaiting_approval" });
    await approvePackage(ctx, run.id, "WP-1");
    await expect(rejectPackage(ctx, run.id, "WP-2", "  ")).rejects.toThrow(/Say what to change/);
    await rejectPackage(ctx, run.id, "WP-2", "Please add input validation");
    await waitFor({ "WP-1": "merged", "WP-2": "awaiting_approval" });
    expect(readFileSync(path.join(log, "WP-2-fix-prompt.txt"), "utf8")).toContain("- Please add input validation");
    await approvePackage(ctx, run.id, "WP-2");
    expect(await drive(run.id)).toBe("completed");
    const done = await loadRunSnapshot(db, run.id);
    expect(verdicts(done.packages[1])).toEqual(["human:reject", "human:approve"]);
    await expect(approvePackage(ctx, run.id, "WP-2")).rejects.toThrow(/not waiting for approval/);
  });
});
