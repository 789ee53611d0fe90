// The one Prisma client of this process. Kept on globalThis so dev hot reload does not open a
// new SQLite connection on every edit.
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ensureDatabaseFolder, resolveDatabaseUrl } from "./database-url";
import { sqliteAdapter } from "./sqlite-driver";

export type Database = PrismaClient;

/** Opens a client on `url` (tests pass their own file; the app uses the configured one). */
export function openDatabase(url: string = resolveDatabaseUrl()): Database {
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
