// flotilla runner --database postgresql://… [--name NAME] [--concurrency N] [--dir DIR]: this host
// runs queued attempts for the orchestrators of the team's database until it is stopped (Ctrl+C
// or SIGTERM). Its running agents go on after it stops; started again, it picks them up.
import os from "node:os";
import path from "node:path";
import { databaseProvider, resolveDataDir } from "@/lib/server/db/database-url";
import { openDatabase } from "@/lib/server/db/client";
import { ensureMigrated } from "@/lib/server/db/ensure-migrated";
import { flotillaHome } from "@/lib/node/flotilla-home";
import { openAttemptQueue } from "@/lib/server/queue/attempt-queue";
import { availableAgents } from "@/lib/server/runners/local-runner";
import { RunnerHost } from "@/lib/server/runners/runner-host";
import { numberOption, parseCommandArgs } from "../cli-args";
import { CliUsageError, EXIT } from "../cli-error";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Where the runner logs into, without its password. */
function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "the database";
  }
}

export async function runnerCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseCommandArgs("runner", argv, {
    database: { type: "string" },
    name: { type: "string" },
    concurrency: { type: "string" },
    dir: { type: "string" },
  });
  const url = args.database ?? env.DATABASE_URL;
  if (!url || databaseProvider(url) !== "postgresql")
    throw new CliUsageError(
      "A runner works for the team's PostgreSQL database: give --database postgresql://USER:PASSWORD@HOST:5432/DB (or set DATABASE_URL to it)",
    );
  const name = (args.name ?? os.hostname()).trim();
  if (!NAME.test(name))
    throw new CliUsageError(
      `--name "${name.slice(0, 40)}" is not a usable runner name: use letters, digits, ".", "_" and "-" (up to 100)`,
    );
  const capacity = numberOption("concurrency", args.concurrency, 1, 64, true) ?? 2;
  const home = path.resolve(args.dir ?? path.join(resolveDataDir(env), "runner", name));

  const db = openDatabase(url);
  try {
    await ensureMigrated(db, url, flotillaHome());
  } catch (err) {
    process.stderr.write(
      `flotilla runner: cannot open the database at ${describeDatabase(url)}: ${(err as Error).message}\n`,
    );
    await db.$disconnect();
    return EXIT.notMerged;
  }
  // The row of a dashboard's or CLI's machine (no capacity) by this name: its orchestrator never
  // sends work to its own name.
  const same = await db.runner.findUnique({ where: { name }, select: { capacity: true } });
  if (same && same.capacity === null)
    process.stderr.write(
      `flotilla runner: "${name}" is also the name of a dashboard's or CLI's machine, whose runs will not send it work; start it with --name ${name}-runner\n`,
    );
  const queue = await openAttemptQueue(url, { maintenance: true });
  const host = new RunnerHost({ db, queue, name, capacity, home });
  try {
    await host.start();
  } catch (err) {
    await queue.stop().catch(() => {});
    await db.$disconnect();
    throw err;
  }
  process.stdout.write(
    `flotilla runner ${name}: working for ${describeDatabase(url)}, up to ${capacity} agent${capacity === 1 ? "" : "s"} at once ` +
      `(agents here: ${availableAgents().join(", ")}); folder ${home}. Stop it with Ctrl+C: running agents go on, and a restart within 30 s picks them up.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  process.stdout.write(`flotilla runner ${name}: stopping (${host.runningCount} agent(s) keep running)\n`);
  await host.stop();
  await queue.stop();
  await db.$disconnect();
  return EXIT.ok;
}
