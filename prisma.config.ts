// Prisma CLI configuration: migrations run through the better-sqlite3 driver adapter (on the
// build this Node can run: lib/server/db/sqlite-driver.ts) and the Wasm engine, so no engine
// binary is ever downloaded (see shared STACK notes).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { ensureDatabaseFolder, resolveDatabaseUrl } from "./lib/server/db/database-url";
import { sqliteAdapter } from "./lib/server/db/sqlite-driver";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const url = resolveDatabaseUrl();
    ensureDatabaseFolder(url);
    const PrismaBetterSQLite3 = sqliteAdapter();
    return new PrismaBetterSQLite3({ url });
  },
});
