// The flotilla command line: the same engine and database as the dashboard.
import { UserError } from "@/lib/server/errors";
import { cliEngine } from "./cli-engine";
import { CliUsageError, EXIT } from "./cli-error";
import { cancelCommand, reportCommand, resumeCommand, retryCommand, statusCommand } from "./commands/manage";
import { deleteCommand } from "./commands/delete";
import { exportCommand, planCommand } from "./commands/plan";
import { runCommand } from "./commands/run";
import { settingsCommand } from "./commands/settings";
import { resolveCommand } from "./commands/resolve";
import { deliverCommand } from "./commands/deliver";
import { runnerCommand } from "./commands/runner";
import { closeAttemptQueues } from "@/lib/server/queue/attempt-queue";

const USAGE = `Usage: npx flotilla <command> [options]

  plan    --repo PATH --task "TEXT" [--count N] [--deps independent|some|sequential]
          [--planner auto|agent|offline] [--agent KIND] [--json]   prints a WBS (wbs.json with --json)
  export  --run ID --dir DIR              writes the team-of-teams folder (wbs.json, instructions.md, launch.sh)

  run     --repo PATH --wbs FILE [--agent demo|claude|codex|gemini|custom] [--agent-cmd "COMMAND"]
          [--base BRANCH] [--concurrency N] [--stagger S] [--timeout S] [--budget USD] [--package-budget USD]
          [--test-cmd "COMMAND"] [--no-test-gate] [--review off|spec|spec+quality|human] [--human-gate] [--json]
  status  --run ID [--json]
  retry   --run ID --wp WP-N [--resume-session] [--json]
                                          retries one package (fresh, or continuing its Claude Code
                                          session) and waits for the run to settle
  resolve --run ID --wp WP-N (--agent|--fresh|--done) [--json]
                                          a conflict the agent could not resolve: one more agent round,
                                          retry it fresh on the feature branch as it is now, or (--done)
                                          you resolved it in the worktree its status names
  resume  --run ID [--budget USD|none] [--package-budget USD|none] [--json]
                                          takes over an interrupted run and finishes it (with a new
                                          budget, a run its budget stopped goes on; with a new cap per
                                          package, the packages the old one stopped go on)
  cancel  --run ID [--wp WP-N]            stops the run (or one package)
  report  --run ID [--json]               the results report (Markdown, or JSON)
  deliver --run ID [--push] [--pr] [--json]
                                          a completed run: pushes its feature branch to the project's
                                          remote (the default), and with --pr opens a pull request with
                                          the report (gh or glab, signed in) or prints the compare page;
                                          exit 1 when the push or pull request failed
  delete  --run ID [--yes] [--json]       removes a run that is not running: its worktrees, branches,
                                          logs and rows (asks first unless --yes); the base branch, what
                                          was merged into it and your own checkout are never touched
  runner  --database postgresql://… [--name NAME] [--concurrency N] [--dir DIR]
                                          this host runs agents for the team's orchestrators (a shared
                                          PostgreSQL database, a project remote): up to N at once
                                          (default 2), until Ctrl+C; a restart picks its agents up again
  settings --repo PATH [--base B] [--agent KIND] [--agent-cmd "C"] [--model M] [--permission-mode MODE]
          [--sandbox yes|no] [--extra-args "A"] [--test-cmd "C"] [--setup-cmd "C"] [--copy-files ".env,..."]
          [--review MODE] [--concurrency N] [--stagger S] [--timeout S] [--budget USD|""] [--resolve-rounds N]
          [--package-budget USD|""] [--min-free-memory MB|""] [--max-load N|""] [--remote NAME|URL]
          [--auto-deliver off|push|pr] [--webhook URL[,URL]] [--json]   shows or changes them

Exit codes: 0 every package merged, 1 a package did not merge, 2 bad input.`;

const COMMANDS = {
  settings: settingsCommand,
  plan: planCommand,
  export: exportCommand,
  run: runCommand,
  status: statusCommand,
  retry: retryCommand,
  resolve: resolveCommand,
  deliver: deliverCommand,
  resume: resumeCommand,
  cancel: cancelCommand,
  report: reportCommand,
  delete: deleteCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return name ? EXIT.ok : EXIT.badInput;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command && name !== "runner") {
    process.stderr.write(`flotilla: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  // A runner host is not an orchestrator: it opens the team's database itself.
  if (name === "runner") {
    try {
      return await runnerCommand(rest);
    } catch (err) {
      if (err instanceof CliUsageError || err instanceof UserError) {
        process.stderr.write(`flotilla runner: ${err.message}\n`);
        return EXIT.badInput;
      }
      process.stderr.write(`flotilla runner: ${(err as Error).message}\n`);
      return EXIT.notMerged;
    }
  }
  let ctx;
  try {
    ctx = await cliEngine();
  } catch (err) {
    process.stderr.write(`flotilla: cannot open the database: ${(err as Error).message}\n`);
    return EXIT.notMerged;
  }
  try {
    return await command(ctx, rest);
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof UserError) {
      process.stderr.write(`flotilla ${name}: ${err.message}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`flotilla ${name}: unexpected error: ${(err as Error).stack ?? err}\n`);
    return EXIT.notMerged;
  } finally {
    await closeAttemptQueues();
    await ctx.db.$disconnect();
  }
}
