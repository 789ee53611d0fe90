// flotilla delete --run ID [--yes] [--json]: deletes a run's worktrees, branches, files and rows,
// after saying what goes and what stays and asking (unless --yes).
import { createInterface } from "node:readline";
import { describeDeletedRun } from "@/lib/core/run/run-deletion";
import { deleteRun, previewRunDeletion } from "@/lib/server/engine/commands/delete-run";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { UserError } from "@/lib/server/errors";
import { parseCommandArgs, required } from "../cli-args";
import { findRunId } from "../cli-engine";
import { EXIT } from "../cli-error";

/** One line from stdin (a terminal or a pipe); empty when stdin ends first. */
function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  return new Promise((resolve) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    rl.once("close", () => {
      if (!answered) resolve("");
    });
  });
}

export async function deleteCommand(ctx: EngineContext, argv: string[]): Promise<number> {
  const args = parseCommandArgs("delete", argv, {
    run: { type: "string" },
    yes: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  });
  const runId = await findRunId(ctx, required("delete", "run", args.run));
  const preview = await previewRunDeletion(ctx, runId);
  if (preview.blocked) throw new UserError(`${preview.blocked} (npx flotilla cancel --run ${runId})`, "conflict");
  if (!args.yes) {
    const list = (lines: string[]) => lines.map((l) => `  - ${l}\n`).join("");
    process.stderr.write(
      `Deleting run ${preview.slug} (${preview.task.split("\n")[0].slice(0, 80)}) removes:\n${list(preview.goes)}` +
        `It never touches:\n${list(preview.stays)}`,
    );
    const answer = await ask("Delete it? [y/N] ");
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stderr.write("Nothing was deleted.\n");
      return EXIT.notMerged;
    }
  }
  const result = await deleteRun(ctx, runId);
  process.stdout.write(args.json ? `${JSON.stringify({ runId, ...result })}\n` : `${describeDeletedRun(result)}\n`);
  return EXIT.ok;
}
