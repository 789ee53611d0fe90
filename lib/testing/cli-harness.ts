// Runs the real `flotilla` command in tests, as a child process with its own data folder.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

export const CLI = path.resolve("scripts/flotilla.mjs");

/**
 * The database of a CLI data folder: its own SQLite file, or, in the PostgreSQL pass
 * (FLOTILLA_TEST_DATABASE=postgresql), a database of its own on the run's cluster, which the
 * CLI creates and migrates on first use as it would for a user.
 */
export function cliDatabaseUrl(dataDir: string): string {
  if (process.env.FLOTILLA_TEST_DATABASE !== "postgresql") return `file:${path.join(dataDir, "flotilla.db")}`;
  const name = `flotilla_cli_${createHash("sha1").update(dataDir).digest("hex").slice(0, 16)}`;
  return `${inject("postgresServer")}/${name}`;
}

export function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FLOTILLA_DATA_DIR: dataDir,
    FLOTILLA_LEASE_MS: "1500",
    FLOTILLA_TICK_MS: "100",
    DATABASE_URL: cliDatabaseUrl(dataDir),
    FLOTILLA_RUNNER_NAME: "cli-test-box",
    // The load average is the test suite's own; memory still counts.
    FLOTILLA_ADMISSION: "memory",
  };
}

export function flotilla(dataDir: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...cliEnv(dataDir), ...extraEnv },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function writePlan(dir: string, packages: Array<{ id: string; deps?: string[]; outputs?: string[] }>): string {
  const file = path.join(dir, "wbs.json");
  writeFileSync(
    file,
    JSON.stringify({
      task: "Build the parts",
      created: "2026-11-21T10:00:00Z",
      work_packages: packages.map((p) => ({
        id: p.id,
        name: `Part ${p.id}`,
        scope: `Builds ${p.id}`,
        expected_outputs: p.outputs ?? [`src/${p.id.toLowerCase()}.ts`],
        dependencies: p.deps ?? [],
        status: "pending",
      })),
    }),
  );
  return file;
}

/** `flotilla ARGS` in the background: its stderr so far, a wait for a line in it, and its exit. */
export function startFlotilla(dataDir: string, args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(dataDir) });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  /** Resolves once stderr satisfies `ready` (checked as it grows), or fails after `timeoutMs`. */
  const waitFor = (ready: (text: string) => boolean, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (!ready(stderr)) return false;
        clearTimeout(timer);
        child.stderr.off("data", check);
        resolve(stderr);
        return true;
      };
      const timer = setTimeout(() => reject(new Error(`not seen in time:\n${stderr}`)), timeoutMs);
      if (!check()) child.stderr.on("data", check);
    });
  const runId = () => /Run (\S+) started/.exec(stderr)![1];
  return { child, exited, waitFor, runId, stderr: () => stderr };
}
