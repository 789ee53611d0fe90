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

const FIELD_HINTS: Record<string, string> = {
  task: "add the compound task as a string",
  work_packages: "add the list of work packages (1 to 10 objects)",
  id: 'add an id such as "WP-1"',
  name: "add a short name as a string",
  scope: "describe what it builds, as a string",
  expected_outputs: 'list the files it produces, e.g. ["src/auth/oauth.ts"]',
  dependencies: 'list the ids it waits for, e.g. ["WP-1"], or []',
};

const typeName = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;

/** A schema problem in words: what is missing or of the wrong type, and what to write instead. */
function describeWbsIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const where = formatIssuePath(issue.path);
  if (issue.path.length === 0) {
    return `A plan is a JSON object with "task" and "work_packages", but this is ${typeName(data)}: wrap it as { "task": "…", "work_packages": [ … ] }`;
  }
  if (issue.code !== "invalid_type") return `${where}: ${issue.message}`;
  const field = String(issue.path[issue.path.length - 1]);
  const owner =
    issue.path.length > 1 && issue.path[0] === "work_packages" && typeof issue.path[1] === "number"
      ? `work package ${issue.path[1] + 1} (work_packages[${issue.path[1]}])`
      : "the plan";
  const value = issue.path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    data,
  );
  const last = issue.path[issue.path.length - 1];
  const parent = typeof last === "number" ? String(issue.path[issue.path.length - 2]) : null;
  const hint = parent
    ? `each entry of "${parent}" is a ${issue.expected}`
    : (FIELD_HINTS[field] ?? `make it ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}`);
  if (value === undefined) return `${owner} has no "${field}": ${hint}`;
  return `"${where}" must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}, not ${typeName(value)}: ${hint}`;
}

/** Validates an already-parsed value against the wbs.json schema. */
export function parseWbsValue(data: unknown): ParseResult {
  const result = workBreakdownSchema.safeParse(data);
  return result.success
    ? { ok: true, wbs: result.data }
    : { ok: false, errors: result.error.issues.map((issue) => describeWbsIssue(issue, data)) };
}

/** Serialises a WBS as wbs.json text (2-space indent, trailing newline). */
export function serializeWbs(wbs: WorkBreakdown): string {
  return `${JSON.stringify(wbs, null, 2)}\n`;
}
