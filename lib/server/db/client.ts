// The one Prisma client of this process. Kept on globalThis so dev hot reload does not open a
// new connection on every edit. SQLite (the default) goes through better-sqlite3; a
// postgresql:// DATABASE_URL through node-postgres. Both clients are generated from the same
// models (prisma/schema.prisma and its generated Postgres twin), so the app sees one type.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgres/client";
import { databaseProvider, ensureDatabaseFolder, resolveDatabaseUrl } from "./database-url";
import { sqliteAdapter } from "./sqlite-driver";

export type Database = PrismaClient;

/** Opens a client on `url` (tests pass their own database; the app uses the configured one). */
export function openDatabase(url: string = resolveDatabaseUrl()): Database {
  if (databaseProvider(url) === "postgresql") {
    // The models are the same, so the query API is too; only the generated types' provider tag differs.
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Database;
  }
  ensureDatabaseFolder(url);
  const PrismaBetterSQLite3 = sqliteAdapter();
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

const holder = globalThis as typeof globalThis & { __flotillaDb?: Database };

/** The process-wide database client. */
export function db(): Database {
  holder.__flotillaDb ??= openDatabase();
  return holder.__flotillaDb;
}
