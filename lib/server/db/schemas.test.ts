// One set of models, two providers: the Postgres schema is generated from the SQLite one, and
// each provider's committed migrations build a table and column for every model field.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { postgresSchema } from "@/scripts/postgres-schema.mjs";
import { createTestDatabase, hasPostgres } from "@/lib/testing/test-database";
import type { Database } from "./client";
import type { DatabaseProvider } from "./database-url";

const MODELS = Object.values(Prisma.ModelName);

function expectedColumns(model: string): string[] {
  const fields = (Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`];
  return Object.values(fields).sort();
}

async function actualColumns(db: Database, provider: DatabaseProvider, table: string): Promise<string[]> {
  const rows =
    provider === "sqlite"
      ? await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM pragma_table_info('${table}')`)
      : await db.$queryRawUnsafe<Array<{ name: string }>>(
          "SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
          table,
        );
  return rows.map((r) => r.name).sort();
}

describe("database schemas", () => {
  it("keeps prisma/postgres/schema.prisma generated from prisma/schema.prisma", () => {
    const committed = readFileSync("prisma/postgres/schema.prisma", "utf8");
    // On failure: run `node scripts/postgres-schema.mjs` and add a migration for each provider.
    expect(committed).toBe(postgresSchema(readFileSync("prisma/schema.prisma", "utf8")));
  });

  for (const provider of ["sqlite", "postgresql"] as const) {
    it.skipIf(provider === "postgresql" && !hasPostgres())(
      `builds every model's columns from the ${provider} migrations`,
      async () => {
        const db = await createTestDatabase(provider);
        for (const model of MODELS) {
          // On failure: a model field has no migration for this provider (see scripts/postgres-schema.mjs).
          expect({ model, columns: await actualColumns(db, provider, model) }).toEqual({
            model,
            columns: expectedColumns(model),
          });
        }
      },
    );
  }

  it.skipIf(!hasPostgres())("builds the same indexes and the same required columns on both providers", async () => {
    const sqlite = await createTestDatabase("sqlite");
    const postgres = await createTestDatabase("postgresql");
    const sqliteIndexes = await sqlite.$queryRawUnsafe<Array<{ name: string }>>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' AND tbl_name != '_prisma_migrations'",
    );
    const postgresIndexes = await postgres.$queryRawUnsafe<Array<{ name: string }>>(
      "SELECT indexname::text AS name FROM pg_indexes WHERE schemaname = 'public' AND tablename != '_prisma_migrations' AND indexname NOT LIKE '%_pkey'",
    );
    const names = (rows: Array<{ name: string }>) => rows.map((r) => r.name).sort();
    expect(names(postgresIndexes)).toEqual(names(sqliteIndexes));
    expect(names(sqliteIndexes)).toContain("Runner_name_key");

    for (const model of MODELS) {
      const sqliteRequired = await sqlite.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT name FROM pragma_table_info('${model}') WHERE "notnull" = 1 OR pk > 0`,
      );
      const postgresRequired = await postgres.$queryRawUnsafe<Array<{ name: string }>>(
        "SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_nullable = 'NO'",
        model,
      );
      expect({ model, required: names(postgresRequired) }).toEqual({ model, required: names(sqliteRequired) });
    }
  });
});
