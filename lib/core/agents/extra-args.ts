import { splitCommandLine } from "../run/command-line";

/** The settings' extra arguments as an array, or a message saying what is wrong with them. */
export function extraArgsOf(extra: string): { ok: true; args: string[] } | { ok: false; message: string } {
  if (extra.trim() === "") return { ok: true, args: [] };
  const split = splitCommandLine(extra);
  return split.ok ? { ok: true, args: split.argv } : { ok: false, message: `Extra arguments: ${split.message}` };
}
