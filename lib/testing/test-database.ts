// A real SQLite database per test: a copy of the migrated template, deleted afterwards.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject, onTestFinished } from "vitest";
import { openDatabase, type Database } from "@/lib/server/db/client";

export function createTestDatabase(): Database {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flotilla-db-"));
  const file = path.join(dir, "test.db");
  copyFileSync(inject("templateDatabase"), file);
  const db = openDatabase(`file:${file}`);
  onTestFinished(async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}
