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
    // One retry: integration tests drive real processes, git and file watches on a loaded 2-core
    // machine. A test that passes only on its retry is still named ("flaky: …") in the summary of
    // scripts/test.mjs, so it gets fixed rather than forgotten.
    retry: 1,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
