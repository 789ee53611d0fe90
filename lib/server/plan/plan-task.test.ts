import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { git } from "@/e2e/fixtures/git-repos";
import { makeRepository } from "@/lib/testing/engine-harness";
import { createTestDatabase } from "@/lib/testing/test-database";
import { tempDir } from "@/lib/testing/temp-dir";
import { planTask } from "./plan-task";

const PLANNER = path.resolve("e2e/fixtures/agents/fake-planner.mjs");

async function setup(modes: string) {
  const db = await createTestDatabase();
  const repo = makeRepository();
  const log = path.join(tempDir(), "prompts.jsonl");
  const project = await db.project.create({
    data: {
      name: "app",
      repoPath: repo,
      baseBranch: "main",
      agent: "custom",
      agentSettings: JSON.stringify(
        agentSettingsSchema.parse({ customCommand: `node ${PLANNER} ${modes} log=${log}` }),
      ),
    },
  });
  const prompts = () =>
    readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { role: string; repair: boolean; prompt: string });
  const plan = (planner: "auto" | "agent" = "auto") =>
    planTask(db, tempDir("flotilla-data-"), {
      projectId: project.id,
      request: { task: "build the parts", count: 2, deps: "some" },
      planner,
    });
  return { db, repo, plan, prompts };
}

describe("agent planner (fake agent CLIs)", () => {
  it("reads a plain JSON answer; the prompt carries the task, count, mode and repository context", async () => {
    const { plan, prompts, repo } = await setup("good");
    const result = await plan();
    expect(result).toMatchObject({
      planner: "agent",
      notice: null,
      wbs: { task: "build the parts", work_packages: [{ id: "WP-1" }, { id: "WP-2", dependencies: ["WP-1"] }] },
    });
    const [{ prompt, role, repair }] = prompts();
    expect(role).toBe("plan");
    expect(repair).toBe(false);
    expect(prompt).toContain("## Compound task\nbuild the parts");
    expect(prompt).toContain("Exactly 2 work package(s)");
    expect(prompt).toContain("Some dependencies");
    expect(prompt).toContain("./: README.md, check.mjs, shared.txt");
    expect(prompt).toContain("### README.md\n# app");
    // The planner ran in a throwaway worktree: none is left, and the checkout is untouched.
    expect(git(repo, "worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(git(repo, "status", "--porcelain")).toBe("");
  });

  it("reads a fenced answer and an answer with a draft before the final JSON", async () => {
    expect((await (await setup("fenced")).plan()).wbs.work_packages).toHaveLength(2);
    expect((await (await setup("chatty")).plan()).wbs.work_packages).toHaveLength(2);
  });

  it("asks once more with the validation messages, and uses the corrected answer", async () => {
    const { plan, prompts } = await setup("cycle,good");
    expect((await plan()).wbs.work_packages.map((p) => p.dependencies)).toEqual([[], ["WP-1"]]);
    const [first, second] = prompts();
    expect(first.repair).toBe(false);
    expect(second.repair).toBe(true);
    expect(second.prompt).toContain("- Dependency loop WP-1 → WP-2 → WP-1: none of these can start");
  });

  it("gives the user the messages and the raw answer when the correction fails too", async () => {
    const { plan, prompts, db } = await setup("vague,vague");
    const failure = await plan("agent").catch((err) => err);
    expect(failure.message).toContain("could not be used, even after one correction");
    expect(failure.details.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"the auth module" reads like a description, not a file path'),
        expect.stringContaining('"src/**/*.ts" is a pattern, not a file'),
      ]),
    );
    expect(failure.details.rawAnswer).toContain("the auth module");
    expect(prompts()).toHaveLength(2);
    expect(await db.run.count()).toBe(0);
  });

  it("reports an answer with no JSON at all", async () => {
    const failure = await (await setup("garbage,garbage")).plan("agent").catch((err) => err);
    expect(failure.details.problems).toEqual(['The answer contains no JSON object with a "work_packages" list']);
    expect(failure.details.rawAnswer).toBe("I could not think of a plan, sorry.");
    // Automatic planning uses the offline planner instead, and says why.
    const automatic = await (await setup("garbage,garbage")).plan("auto");
    expect(automatic.planner).toBe("offline");
    expect(automatic.notice).toContain(
      "The Custom command planner gave no usable plan, even after one correction (The answer contains no JSON object",
    );
    expect(automatic.notice).toContain("FLOTILLA_ROLE=plan");
  });

  it("reports a planner that crashes", async () => {
    const failure = await (await setup("fail")).plan("agent").catch((err) => err);
    expect(failure.message).toContain("The Custom command planner exited with code 4: planner crashed");
    const automatic = await (await setup("fail")).plan("auto");
    expect(automatic).toMatchObject({
      planner: "offline",
      notice: expect.stringContaining("The Custom command planner exited with code 4"),
    });
  });

  it("falls back to the offline planner, saying so, when no agent CLI is available", async () => {
    const db = await createTestDatabase();
    const repo = makeRepository();
    const project = await db.project.create({
      data: {
        name: "app",
        repoPath: repo,
        baseBranch: "main",
        agent: "custom",
        agentSettings: JSON.stringify({ customCommand: "no-such-planner-cli --plan" }),
      },
    });
    const result = await planTask(db, tempDir(), {
      projectId: project.id,
      request: { task: "build auth with OAuth, RBAC and audit logging", count: 3, deps: "independent" },
      planner: "auto",
    });
    expect(result.planner).toBe("offline");
    expect(result.notice).toContain('needs the "no-such-planner-cli" command');
    expect(result.wbs.work_packages.map((p) => p.name)).toEqual(["OAuth", "RBAC", "Audit logging"]);
    await expect(
      planTask(db, tempDir(), {
        projectId: project.id,
        request: { task: "x", count: 3, deps: "independent" },
        planner: "agent",
      }),
    ).rejects.toThrow(/needs the "no-such-planner-cli" command/);
  });
});
