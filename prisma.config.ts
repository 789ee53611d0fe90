// Prisma CLI configuration: migrations run through the better-sqlite3 driver adapter and the
// Wasm engine, so no engine binary is ever downloaded (see shared STACK notes).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { ensureDatabaseFolder, resolveDatabaseUrl } from "./lib/server/db/database-url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const url = resolveDatabaseUrl();
    ensureDatabaseFolder(url);
    return new PrismaBetterSQLite3({ url });
  },
});
