// A real database per test, dropped afterwards. SQLite (the default): a copy of the migrated
// template file. PostgreSQL (FLOTILLA_TEST_DATABASE=postgresql, or `provider` set): a database
// cloned from the migrated template on the run's throwaway cluster.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject, onTestFinished } from "vitest";
import { openDatabase, type Database } from "@/lib/server/db/client";
import type { DatabaseProvider } from "@/lib/server/db/database-url";
import { POSTGRES_TEMPLATE } from "./postgres-cluster";

/** The provider tests use unless they ask for one. */
export function testDatabaseProvider(): DatabaseProvider {
  return process.env.FLOTILLA_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

/** True when this run has a PostgreSQL cluster (see global-setup.ts). */
export const hasPostgres = (): boolean => inject("postgresServer") !== "";

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${inject("postgresServer")}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated PostgreSQL database; returns its URL. Dropped when the test finishes. */
export async function createPostgresDatabaseUrl(): Promise<string> {
  if (!hasPostgres()) throw new Error("No PostgreSQL cluster in this run: guard the test with hasPostgres()");
  const name = `flotilla_test_${randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE}`);
  onTestFinished(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return `${inject("postgresServer")}/${name}`;
}

export async function createTestDatabase(provider: DatabaseProvider = testDatabaseProvider()): Promise<Database> {
  if (provider === "postgresql") {
    const db = openDatabase(await createPostgresDatabaseUrl());
    onTestFinished(() => db.$disconnect());
    return db;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "flotilla-db-"));
  const file = path.join(dir, "test.db");
  copyFileSync(inject("templateDatabase"), file);
  const db = openDatabase(`file:${file}`);
  onTestFinished(async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}
