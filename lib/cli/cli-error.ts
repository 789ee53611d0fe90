// Exit codes of the CLI: 0 every package merged (or the command did what it said), 1 a package
// did not merge, 2 bad input (with a message saying what to change).
export class CliUsageError extends Error {
  readonly exitCode = 2;
}

export const EXIT = { ok: 0, notMerged: 1, badInput: 2, interrupted: 130 } as const;
