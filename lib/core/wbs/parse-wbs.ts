// Reading and writing wbs.json text: JSON syntax errors name the line and column, schema errors
// name the field (e.g. work_packages[1].expected_outputs[0]).
import { parse as parseTolerant, printParseErrorCode, type ParseError } from "jsonc-parser";
import type { z } from "zod";
import { workBreakdownSchema, type WorkBreakdown } from "./wbs-schema";

export type ParseResult = { ok: true; wbs: WorkBreakdown } | { ok: false; errors: string[] };

/** Turns a zod issue path into the dotted/bracketed form users see in their JSON. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, "");
}

/** One readable line per schema issue. */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = formatIssuePath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** "CommaExpected" → "comma expected". */
function humanParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Parses wbs.json text. Unknown fields are kept. */
export function parseWbsJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's messages rarely say where; a second, strict pass finds the first error's offset.
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const what = first ? humanParseError(printParseErrorCode(first.error)) : "unexpected content";
    const where = first ? ` at ${lineAndColumn(text, first.offset)}` : "";
    return { ok: false, errors: [`Not valid JSON${where}: ${what}`] };
  }
  return parseWbsValue(data);
}

/** Validates an already-parsed value against the wbs.json schema. */
export function parseWbsValue(data: unknown): ParseResult {
  const result = workBreakdownSchema.safeParse(data);
  return result.success ? { ok: true, wbs: result.data } : { ok: false, errors: formatZodIssues(result.error) };
}

/** Serialises a WBS as wbs.json text (2-space indent, trailing newline). */
export function serializeWbs(wbs: WorkBreakdown): string {
  return `${JSON.stringify(wbs, null, 2)}\n`;
}
