import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { importPlan } from "@/lib/core/plan/import-markdown";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { exportRun } from "./export-run";

describe("exporting a run as a team-of-teams folder", () => {
  it("writes wbs.json, instructions.md and a launch.sh that really runs claude -p in its own worktree", async () => {
    const { db, project, repo } = await setupEngine();
    const wbs = plan([pkg("WP-1"), pkg("WP-2", ["WP-1"])], "Build the parts");
    const { run } = await createRun(db, { projectId: project.id, wbs, options: { agent: "demo" } });
    const dir = path.join(tempDir(), "coordination");
    const written = await exportRun(db, run.id, dir);
    expect(written).toEqual([
      "wbs.json",
      "WP-1/instructions.md",
      "WP-1/launch.sh",
      "WP-2/instructions.md",
      "WP-2/launch.sh",
      "launch-all.sh",
    ]);
    expect(statSync(path.join(dir, "WP-1", "launch.sh")).mode & 0o111).not.toBe(0);
    expect(readFileSync(path.join(dir, "WP-2", "instructions.md"), "utf8")).toContain("## Scope Boundaries");

    // Round trip: the exported wbs.json imports back to the same plan.
    const imported = importPlan(readFileSync(path.join(dir, "wbs.json"), "utf8"));
    expect(imported.ok && imported.wbs.work_packages.map((p) => [p.id, p.expected_outputs, p.dependencies])).toEqual([
      ["WP-1", ["src/wp-1.ts"], []],
      ["WP-2", ["src/wp-2.ts"], ["WP-1"]],
    ]);

    // launch.sh against a fake claude on PATH.
    const bin = tempDir("fake-bin-");
    copyFileSync(path.resolve("e2e/fixtures/agents/fake-claude.mjs"), path.join(bin, "claude"));
    chmodSync(path.join(bin, "claude"), 0o755);
    const result = spawnSync("bash", [path.join(dir, "WP-1", "launch.sh")], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    for (const file of ["output.md", "exit-code", ".done", "pid"])
      expect(existsSync(path.join(dir, "WP-1", file))).toBe(true);
    expect(readFileSync(path.join(dir, "WP-1", "exit-code"), "utf8").trim()).toBe("0");
    expect(readFileSync(path.join(dir, "WP-1", "output.md"), "utf8")).toContain('"type":"result"');
    expect(readFileSync(path.join(dir, "WP-1", "worktree", "src", "wp-1.ts"), "utf8")).toContain("fake claude");
    expect(git(path.join(dir, "WP-1", "worktree"), "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe(
      "flotilla/build-the-parts--export-wp-1",
    );
    // The user's checkout stays on its branch, untouched.
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("main");
    expect(git(repo, "status", "--porcelain")).toBe("");

    // A failing agent still leaves exit-code and .done.
    writeFileSync(path.join(bin, "claude"), "#!/bin/sh\necho broken >&2\nexit 7\n");
    const failed = spawnSync("bash", [path.join(dir, "WP-2", "launch.sh")], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    expect(failed.status).toBe(7);
    expect(readFileSync(path.join(dir, "WP-2", "exit-code"), "utf8").trim()).toBe("7");
    expect(existsSync(path.join(dir, "WP-2", ".done"))).toBe(true);
  });

  it("refuses a folder that already has files, writing nothing", async () => {
    const { db, project } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1")]),
      options: { agent: "demo" },
    });
    const dir = tempDir();
    writeFileSync(path.join(dir, "keep.txt"), "mine");
    await expect(exportRun(db, run.id, dir)).rejects.toThrow(/already has files in it/);
    expect(readFileSync(path.join(dir, "keep.txt"), "utf8")).toBe("mine");
    expect(existsSync(path.join(dir, "wbs.json"))).toBe(false);
  });
});
