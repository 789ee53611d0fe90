// Where Flotilla keeps its state. Shared by the Prisma CLI (prisma.config.ts) and the app so both
// always open the same database file.
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

/**
 * The SQLite URL to open: DATABASE_URL when set, else data/flotilla.db. Relative `file:` paths
 * are made absolute against the working directory so every process agrees on one file.
 */
export function resolveDatabaseUrl(env: Env = process.env): string {
  const explicit = env.DATABASE_URL?.trim();
  if (!explicit) return `file:${path.join(resolveDataDir(env), "flotilla.db")}`;
  if (!explicit.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite "file:" URL (got "${explicit.split(":")[0]}:"). ` +
        "Set it to e.g. file:./data/flotilla.db, or unset it to use the default.",
    );
  }
  const filePath = explicit.slice("file:".length).split("?")[0];
  return `file:${fromHome(env, filePath)}`;
}

/** Creates the folder that will hold the database file, so a fresh machine needs no manual step. */
export function ensureDatabaseFolder(url: string): void {
  const folder = path.dirname(url.slice("file:".length));
  const created = !existsSync(folder);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Logs, worktrees and the token live here: readable by this user only.
  if (created) chmodSync(folder, 0o700);
}
