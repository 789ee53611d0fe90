import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import * as nodeModule from "node:module";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { tempDir } from "@/lib/testing/temp-dir";
import { chooseSqliteBuild, NAPI_ALIAS } from "./sqlite-driver";

describe("chooseSqliteBuild", () => {
  it("keeps better-sqlite3 11 on Node 20, where 13 crashes", () => {
    expect(chooseSqliteBuild("20.19.0", false).module).toBe("better-sqlite3");
    expect(chooseSqliteBuild("v20.20.2", true).module).toBe("better-sqlite3");
  });

  it("uses the Node-API build on Node 22.15+ and 24, where 11 aborts on garbage collection", () => {
    expect(chooseSqliteBuild("24.21.0", true).module).toBe(NAPI_ALIAS);
    expect(chooseSqliteBuild("22.15.0", true).module).toBe(NAPI_ALIAS);
    expect(chooseSqliteBuild("26.1.0", true).module).toBe(NAPI_ALIAS);
  });

  it("falls back to 11, and says why, where the runtime cannot redirect the adapter's import", () => {
    const build = chooseSqliteBuild("22.3.0", false);
    expect(build.module).toBe("better-sqlite3");
    expect(build.reason).toMatch(/registerHooks/);
  });
});

describe("the SQLite build this Node loads", () => {
  it("survives thousands of queries with garbage collection outside JavaScript", () => {
    const dir = tempDir("flotilla-churn-");
    const file = path.join(dir, "churn.db");
    copyFileSync(inject("templateDatabase"), file);
    const root = path.resolve(import.meta.dirname, "../../..");
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", path.join(root, "lib/testing/fixtures/sqlite-churn.ts"), `file:${file}`],
      { cwd: root, encoding: "utf8", timeout: 60_000 },
    );
    const build = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { module: string };
    const canHook = typeof (nodeModule as { registerHooks?: unknown }).registerHooks === "function";
    expect(build.module).toBe(chooseSqliteBuild(process.versions.node, canHook).module);
  });
});
