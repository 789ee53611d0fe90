// Where Flotilla keeps its state. Shared by the Prisma CLI (prisma.config.ts) and the app so both
// always open the same database: a SQLite file by default, or a PostgreSQL server.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";

type Env = Record<string, string | undefined>;

/** Relative paths are taken from Flotilla's own folder, so the CLI and the server agree wherever they start. */
function fromHome(env: Env, target: string): string {
  return path.resolve(/*turbopackIgnore: true*/ env.FLOTILLA_HOME?.trim() || process.cwd(), target);
}

/** The data folder: FLOTILLA_DATA_DIR, or data/ in Flotilla's folder. */
export function resolveDataDir(env: Env = process.env): string {
  return fromHome(env, env.FLOTILLA_DATA_DIR?.trim() || "data");
}

/** Which of the two supported databases a URL names. */
export type DatabaseProvider = "sqlite" | "postgresql";

const POSTGRES_SCHEMES = ["postgresql:", "postgres:"];

export function databaseProvider(url: string): DatabaseProvider {
  return POSTGRES_SCHEMES.some((scheme) => url.startsWith(`${scheme}//`)) ? "postgresql" : "sqlite";
}

/**
 * The database to open: DATABASE_URL when set, else the SQLite file data/flotilla.db. Relative
 * `file:` paths are made absolute against Flotilla's folder so every process agrees on one file;
 * a `postgresql://` (or `postgres://`) URL is used as it is.
 */
export function resolveDatabaseUrl(env: Env = process.env): string {
  const explicit = env.DATABASE_URL?.trim();
  if (!explicit) return `file:${path.join(resolveDataDir(env), "flotilla.db")}`;
  if (databaseProvider(explicit) === "postgresql") {
    try {
      new URL(explicit);
    } catch {
      throw new Error(
        "DATABASE_URL is not a valid PostgreSQL URL. Write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE " +
          "(percent-encode special characters in the password).",
      );
    }
    return explicit;
  }
  if (!explicit.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite "file:" URL or a "postgresql://" URL (got "${explicit.split(":")[0]}:"). ` +
        "Set it to e.g. file:./data/flotilla.db or postgresql://flotilla@db-host:5432/flotilla, or unset it to use the default.",
    );
  }
  const filePath = explicit.slice("file:".length).split("?")[0];
  return `file:${fromHome(env, filePath)}`;
}

/** The URL with its password replaced, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  if (databaseProvider(url) !== "postgresql") return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgresql://…";
  }
}

/** Creates the folder that will hold the database file, so a fresh machine needs no manual step. */
export function ensureDatabaseFolder(url: string): void {
  if (databaseProvider(url) !== "sqlite") return;
  const folder = path.dirname(url.slice("file:".length));
  const created = !existsSync(folder);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Logs, worktrees and the token live here: readable by this user only.
  if (created) chmodSync(folder, 0o700);
}
