import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      "app/**/*.test.ts",
      "scripts/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    environment: "node",
    globalSetup: ["lib/testing/global-setup.ts"],
    // Integration tests make real git repositories and SQLite files in temp folders: safe in parallel.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
