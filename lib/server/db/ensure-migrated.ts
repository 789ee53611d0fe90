// Applies committed migrations when the database lacks any: a cheap check (one query) on every
// CLI start, and `prisma migrate deploy` only when something is missing.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Database } from "./client";
import { databaseProvider } from "./database-url";

function committedMigrations(home: string, databaseUrl: string): string[] {
  const folder = databaseProvider(databaseUrl) === "postgresql" ? ["prisma", "postgres"] : ["prisma"];
  const dir = path.join(home, ...folder, "migrations");
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
}

async function appliedMigrations(db: Database): Promise<Set<string>> {
  try {
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch {
    return new Set(); // a brand-new database
  }
}

export async function ensureMigrated(db: Database, databaseUrl: string, home: string): Promise<void> {
  const applied = await appliedMigrations(db);
  if (committedMigrations(home, databaseUrl).every((m) => applied.has(m))) return;
  const result = spawnSync(
    process.execPath,
    [path.join(home, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"],
    {
      cwd: home,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
  if (result.status !== 0) throw new Error(`Applying database migrations failed:\n${result.stdout}${result.stderr}`);
}
