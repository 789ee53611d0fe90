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
});
