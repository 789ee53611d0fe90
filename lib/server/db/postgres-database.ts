// Creates the PostgreSQL database DATABASE_URL names when the server has none by that name, as
// SQLite creates its file: a team points Flotilla at a server and starts it. Needs the CREATEDB
// privilege; without it the message says which command to run instead.
import pg from "pg";
import { redactDatabaseUrl } from "./database-url";

const INVALID_CATALOG_NAME = "3D000";
const DUPLICATE_DATABASE = "42P04";

function databaseName(url: URL): string {
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name) throw new Error(`DATABASE_URL names no database: add one, e.g. ${url.origin}/flotilla`);
  return name;
}

async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}

export async function ensurePostgresDatabase(connectionString: string): Promise<void> {
  const target = new URL(connectionString);
  const name = databaseName(target);
  try {
    await (await connect(connectionString)).end();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== INVALID_CATALOG_NAME) {
      throw new Error(
        `Cannot reach the PostgreSQL server at ${redactDatabaseUrl(connectionString)}: ${(err as Error).message}`,
      );
    }
  }
  const maintenance = new URL(connectionString);
  maintenance.pathname = "/postgres";
  const client = await connect(maintenance.toString());
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (err) {
    // Another process (a second server, a runner) made it a moment ago: just as good.
    if ((err as { code?: string }).code === DUPLICATE_DATABASE) return;
    throw new Error(
      `The PostgreSQL database "${name}" does not exist and could not be created (${(err as Error).message}). ` +
        `Create it with: createdb -h ${target.hostname} -p ${target.port || 5432} -U ${decodeURIComponent(target.username) || "postgres"} ${name}`,
    );
  } finally {
    await client.end();
  }
}
