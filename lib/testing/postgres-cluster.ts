// A throwaway PostgreSQL cluster for tests: Debian's `postgresql` server binaries (initdb,
// pg_ctl), a data folder in /tmp, a free port on 127.0.0.1, trust authentication, stopped with
// `-m immediate` afterwards. Root cannot run initdb, so as root it runs as the `postgres` user.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The migrated database that test databases are cloned from. */
export const POSTGRES_TEMPLATE = "flotilla_template";

export interface PostgresCluster {
  /** Server URL without a database, e.g. postgresql://postgres@127.0.0.1:PORT */
  serverUrl: string;
  port: number;
  stop(): void;
}

/** The folder holding initdb and pg_ctl, or null when no PostgreSQL server is installed. */
export function findPostgresBin(): string | null {
  const candidates = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort().reverse()) candidates.push(path.join(debian, version, "bin"));
  }
  return candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function asPostgresUser(bin: string, args: string[]): { status: number | null; output: string } {
  const isRoot = process.getuid?.() === 0;
  const [command, fullArgs] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(command, fullArgs, { encoding: "utf8" });
  return {
    status: result.status,
    output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}`,
  };
}

export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flotilla-pg-"));
  if (process.getuid?.() === 0) {
    const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (id.status !== 0)
      throw new Error("Running tests as root needs the `postgres` user that Debian's postgresql package makes");
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = path.join(dir, "data");
  const init = asPostgresUser(path.join(bin, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  const start = asPostgresUser(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-o",
    options,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "start",
  ]);
  if (start.status !== 0) throw new Error(`pg_ctl start failed:\n${start.output}`);
  return {
    serverUrl: `postgresql://postgres@127.0.0.1:${port}`,
    port,
    stop() {
      asPostgresUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
