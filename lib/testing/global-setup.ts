// Vitest global setup: migrate one template database with the real Prisma migrator; each test
// then copies it (see test-database.ts), which is fast and still exercises the real schema.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flotilla-db-template-"));
  const file = path.join(dir, "template.db");
  const result = spawnSync("npx", ["--no-install", "prisma", "migrate", "deploy"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${file}` },
  });
  if (result.status !== 0)
    throw new Error(`migrating the test template database failed:\n${result.stdout}${result.stderr}`);
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
