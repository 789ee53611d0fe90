// Prisma CLI configuration. SQLite migrations run through the better-sqlite3 driver adapter (on
// the build this Node can run: lib/server/db/sqlite-driver.ts), PostgreSQL ones through
// node-postgres, both on the Wasm engine, so no engine binary is ever downloaded (see shared
// STACK notes). DATABASE_URL picks the provider, its schema and its migrations folder.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseProvider, ensureDatabaseFolder, resolveDatabaseUrl } from "./lib/server/db/database-url";
import { ensurePostgresDatabase } from "./lib/server/db/postgres-database";
import { reportCatalogNamesAsText } from "./lib/server/db/pg-name-type";
import { sqliteAdapter } from "./lib/server/db/sqlite-driver";

const url = resolveDatabaseUrl();
const folder = databaseProvider(url) === "postgresql" ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  adapter: async () => {
    if (databaseProvider(url) === "postgresql") {
      reportCatalogNamesAsText();
      await ensurePostgresDatabase(url);
      return new PrismaPg({ connectionString: url });
    }
    ensureDatabaseFolder(url);
    const PrismaBetterSQLite3 = sqliteAdapter();
    return new PrismaBetterSQLite3({ url });
  },
});
