// The last lines of what went wrong, for a failed card: the agent's own error output first, the
// set-up command's output when the agent never started, else the end of the log for agents that
// print plain text (an activity agent's log is JSON, and its reason already says it). Flotilla's
// own "[flotilla] …" notes are left out: the card's reason says those in words.
import path from "node:path";
import { fileSize, readTail } from "@/lib/node/files/read-tail";
import { maskText } from "@/lib/node/secrets";

const lines = (text: string | null) =>
  (text ?? "")
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() && !l.startsWith("[flotilla]"));

export async function readErrorTail(
  attempt: { dir: string | null; logPath: string | null },
  { logFallback, maxLines = 5 }: { logFallback: boolean; maxLines?: number },
): Promise<string[]> {
  if (!attempt.dir) return [];
  const read = async (file: string) => lines(maskText((await readTail(file, 4096, 40)) ?? "")).slice(-maxLines);
  const stderr = path.join(attempt.dir, "stderr.log");
  // No stderr.log: the agent never started, so the set-up command is what failed.
  const first = (await fileSize(stderr)) === null ? path.join(attempt.dir, "setup.log") : stderr;
  const found = await read(first);
  if (found.length > 0 || !logFallback) return found;
  return read(attempt.logPath ?? path.join(attempt.dir, "agent.log"));
}
