// Vitest global setup: migrate one template database with the real Prisma migrator; each test
// then copies it (see test-database.ts), which is fast and still exercises the real schema.
// When a PostgreSQL server is installed, a throwaway cluster is started too, with a migrated
// template database that Postgres tests clone (CREATE DATABASE … TEMPLATE).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findPostgresBin, POSTGRES_TEMPLATE, startPostgresCluster } from "./postgres-cluster";

function migrate(databaseUrl: string, what: string): void {
  const result = spawnSync("npx", ["--no-install", "prisma", "migrate", "deploy"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (result.status !== 0) throw new Error(`migrating the ${what} failed:\n${result.stdout}${result.stderr}`);
}

async function startPostgres(): Promise<{ serverUrl: string; stop: () => void } | null> {
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.FLOTILLA_REQUIRE_POSTGRES === "1")
      throw new Error("FLOTILLA_REQUIRE_POSTGRES=1 but no PostgreSQL server is installed (apt-get install postgresql)");
    console.log(
      "\nflotilla: PostgreSQL tests SKIPPED: no PostgreSQL server is installed (initdb not found). " +
        "Install Debian's `postgresql` to run them; .ci/run does.\n",
    );
    return null;
  }
  const cluster = await startPostgresCluster(bin);
  try {
    migrate(`${cluster.serverUrl}/${POSTGRES_TEMPLATE}`, "PostgreSQL template database");
  } catch (err) {
    cluster.stop();
    throw err;
  }
  return cluster;
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flotilla-db-template-"));
  const file = path.join(dir, "template.db");
  migrate(`file:${file}`, "test template database");
  project.provide("templateDatabase", file);
  const postgres = await startPostgres();
  project.provide("postgresServer", postgres?.serverUrl ?? "");
  return () => {
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    /** postgresql://postgres@127.0.0.1:PORT of the run's throwaway cluster; "" when none is installed. */
    postgresServer: string;
  }
}
