// Argument parsing for every command: node's parseArgs, with messages that say what to change.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliUsageError } from "./cli-error";

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/, "");
    throw new CliUsageError(`${message}. See "npx flotilla help".`);
  }
}

/** A required string option. */
export function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === "") throw new CliUsageError(`--${name} is required`);
  return value;
}

/** A numeric option within bounds, or undefined when absent. */
export function numberOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new CliUsageError(
      `--${name} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max} (got "${value}")`,
    );
  }
  return n;
}
