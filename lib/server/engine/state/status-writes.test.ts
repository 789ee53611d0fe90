// Statuses change in one place: the transition writer. A scan of the sources keeps it so, and the
// writer refuses a move the tables do not allow.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_STATUSES, RUN_STATUSES } from "@/lib/core/run/statuses";
import { PACKAGE_TRANSITIONS, RUN_TRANSITIONS } from "@/lib/core/run/transitions";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { movePackage, moveRun } from "@/lib/server/engine/state/transition";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "generated" || entry === "testing" ? [] : sources(full);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
  });
}

/** The argument text of each call starting at `marker` (balanced parentheses). */
function callArguments(text: string, marker: RegExp): string[] {
  const calls: string[] = [];
  for (const match of text.matchAll(marker)) {
    let depth = 0;
    const start = match.index! + match[0].length - 1;
    for (let i = start; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")" && --depth === 0) {
        calls.push(text.slice(start, i + 1));
        break;
      }
    }
  }
  return calls;
}

describe("status writes", () => {
  const files = ["lib", "app"]
    .flatMap((dir) => sources(path.resolve(dir)))
    .filter((f) => !f.endsWith(path.join("engine", "state", "transition.ts")));

  it("no package or run status is written outside the transition writer", () => {
    const offenders = files.flatMap((file) =>
      callArguments(readFileSync(file, "utf8"), /\.(workPackage|run)\.(update|updateMany|upsert)\(/g)
        .filter((args) => /\bstatus\s*[:,}]/.test(args.replace(/where:\s*\{[^}]*\}/g, "")))
        .map((args) => `${path.relative(process.cwd(), file)}: ${args.slice(0, 80)}`),
    );
    expect(offenders).toEqual([]);
  });

  it("no event name is built from a template string", () => {
    const offenders = files.filter((file) => /appendEvent\([^)]*type:\s*`/s.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("git runs only behind the git adapter (lib/node/git)", () => {
    const gitDir = path.resolve("lib/node/git") + path.sep;
    const offenders = files
      .filter((file) => !file.startsWith(gitDir))
      .filter((file) =>
        /\brunGit\b|(execa|execFile|spawn|spawnSync|execFileSync)\(\s*["']git["']|simple-git/.test(
          readFileSync(file, "utf8"),
        ),
      );
    expect(offenders.map((f) => path.relative(process.cwd(), f))).toEqual([]);
  });

  it("the tables cover every status, and merged and completed are final", () => {
    expect(Object.keys(PACKAGE_TRANSITIONS).sort()).toEqual([...PACKAGE_STATUSES].sort());
    expect(Object.keys(RUN_TRANSITIONS).sort()).toEqual([...RUN_STATUSES].sort());
    expect(PACKAGE_TRANSITIONS.merged).toEqual([]);
    expect(RUN_TRANSITIONS.completed).toEqual([]);
  });

  it("refuses a move the tables do not allow, and writes nothing", async () => {
    const { db, project } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1")]),
      options: { agent: "demo" },
    });
    const wp = await db.workPackage.findFirstOrThrow({ where: { runId: run.id } });
    await expect(movePackage(db, wp, "merged")).rejects.toThrow(
      "Illegal package transition for WP-1: pending → merged",
    );
    await expect(moveRun(db, run.id, "completed")).rejects.toThrow(
      `Illegal run transition for ${run.id}: planned → completed`,
    );
    expect((await db.workPackage.findUniqueOrThrow({ where: { id: wp.id } })).status).toBe("pending");
    await movePackage(
      db,
      wp,
      "running",
      {},
      {
        type: "package.started",
        runId: run.id,
        workPackageId: wp.id,
        payload: { wpId: "WP-1", attempt: 1, pid: 2, branch: "b" },
      },
    );
    expect((await db.workPackage.findUniqueOrThrow({ where: { id: wp.id } })).status).toBe("running");
    expect(await db.event.count({ where: { runId: run.id, type: "package.started" } })).toBe(1);
  });
});
