// Reads a Markdown plan whose tasks carry depends_on lines, such as:
//
//   # Plan: build auth            (or a "Task: ..." line)
//   ## Task 1: OAuth integration  (also "### Task 1:", "## WP-1: ...", "## 1. ...")
//   Provider setup and callbacks.
//   Files:
//   - Create: `src/auth/oauth.ts`
//   depends_on: none              ("Task 1", "1, 2", "[WP-1]")
//   Acceptance: ...                (also In scope / Out of scope / Produces / Consumes)
//
// Problems name the line they are on.
import { validateWbs } from "../wbs/validate-wbs";
import type { WorkBreakdown, WorkPackageSpec } from "../wbs/wbs-schema";
import { parseWbsJson } from "../wbs/parse-wbs";

export type ImportResult = { ok: true; wbs: WorkBreakdown; warnings: string[] } | { ok: false; errors: string[] };

const HEADING = /^#{2,4}\s+(?:(?:task|step|wp|work\s+package)[\s-]*(\d+)|(\d+)[.)])\s*[:.—–-]?\s*(.*)$/i;
// "Files:", "**Files:**" and "**Files**:" all count.
const FIELD =
  /^(?:[-*]\s*)?\**(in[\s_-]scope|out[\s_-]of[\s_-]scope|produces|consumes|acceptance|scope)\**\s*:\s*\**\s*(.*)$/i;
const DEPENDS = /^(?:[-*]\s*)?\**depends[\s_-]on\**\s*:\s*\**\s*(.*)$/i;
const FILES = /^(?:[-*]\s*)?\**(?:files?|expected[\s_-]outputs?)\**\s*:\s*\**\s*(.*)$/i;
const FILE_ITEM = /^[-*]\s+(?:(?:create|modify|add|update|test|edit)\s*:\s*)?(.+)$/i;

/** The path in a file list item: a `backticked` path, a path-like first word, or the whole text. */
function fileOfItem(item: string): string {
  const ticked = /`([^`]+)`/.exec(item);
  if (ticked) return ticked[1].trim();
  const first = item.trim().split(/\s+/)[0];
  return /[/.]/.test(first) ? first : item.trim();
}

interface Draft {
  spec: WorkPackageSpec;
  line: number;
  deps: Array<{ ref: string; line: number }>;
  scopeLines: string[];
}

const FIELD_KEY: Record<string, keyof WorkPackageSpec> = {
  inscope: "in_scope",
  outofscope: "out_of_scope",
  produces: "produces",
  consumes: "consumes",
  acceptance: "acceptance",
  scope: "scope",
};

export function importMarkdownPlan(text: string): ImportResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const errors: string[] = [];
  const drafts: Draft[] = [];
  let task = "";
  let current: Draft | null = null;
  let inFiles = false;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    const heading = HEADING.exec(line);
    if (heading) {
      const n = heading[1] ?? heading[2];
      current = {
        spec: {
          id: `WP-${Number(n)}`,
          name: heading[3].trim(),
          scope: "",
          expected_outputs: [],
          dependencies: [],
          status: "pending",
        },
        line: lineNo,
        deps: [],
        scopeLines: [],
      };
      if (!current.spec.name)
        errors.push(`line ${lineNo}: the heading of ${current.spec.id} has no name: write one after the number`);
      drafts.push(current);
      inFiles = false;
      return;
    }
    if (!current) {
      const title = /^#\s+(?:plan\s*:\s*)?(.+)$/i.exec(line) ?? /^\**task\**\s*:\s*(.+)$/i.exec(line);
      if (title && !task) task = title[1].trim();
      return;
    }
    const draft: Draft = current;
    const depends = DEPENDS.exec(line);
    if (depends) {
      inFiles = false;
      const value = depends[1].replace(/[[\]`]/g, "").trim();
      if (/^(none|nothing|-|n\/a)?$/i.test(value)) return;
      for (const ref of value.split(/\s*,\s*|\s+and\s+/)) {
        if (ref.trim()) draft.deps.push({ ref: ref.trim(), line: lineNo });
      }
      return;
    }
    const files = FILES.exec(line);
    if (files) {
      inFiles = true;
      for (const f of files[1]
        .split(/\s*,\s*/)
        .map((s) => s.replace(/`/g, "").trim())
        .filter(Boolean))
        draft.spec.expected_outputs.push(f);
      return;
    }
    if (inFiles) {
      const item = FILE_ITEM.exec(line);
      if (item) {
        draft.spec.expected_outputs.push(fileOfItem(item[1]));
        return;
      }
      if (line) inFiles = false;
    }
    const field = FIELD.exec(line);
    if (field) {
      const key = FIELD_KEY[field[1].toLowerCase().replace(/[\s_-]/g, "")];
      if (key === "scope") draft.scopeLines.push(field[2]);
      else (draft.spec as Record<string, unknown>)[key] = field[2].trim();
      return;
    }
    if (line && !line.startsWith("#")) draft.scopeLines.push(line);
  });

  if (drafts.length === 0)
    return { ok: false, errors: ['No tasks found: give each task a heading such as "## Task 1: OAuth integration"'] };
  const ids = new Set(drafts.map((d) => d.spec.id));
  for (const draft of drafts) {
    draft.spec.scope = draft.scopeLines.join(" ").trim() || draft.spec.name;
    for (const dep of draft.deps) {
      const number = /(\d+)$/.exec(dep.ref)?.[1];
      const id = number ? `WP-${Number(number)}` : dep.ref;
      if (!ids.has(id))
        errors.push(`line ${dep.line}: ${draft.spec.id} depends on "${dep.ref}", which is not a task in this plan`);
      else if (!draft.spec.dependencies.includes(id)) draft.spec.dependencies.push(id);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const wbs: WorkBreakdown = {
    task: task || drafts.map((d) => d.spec.name).join(", "),
    work_packages: drafts.map((d) => d.spec),
  };
  const validation = validateWbs(wbs);
  const at = (wpId: string | undefined) => {
    const draft = drafts.find((d) => d.spec.id === wpId);
    return draft ? `line ${draft.line}: ` : "";
  };
  if (!validation.ok) return { ok: false, errors: validation.errors.map((e) => `${at(e.wpId)}${e.message}`) };
  return { ok: true, wbs, warnings: validation.warnings.map((w) => `${at(w.wpId)}${w.message}`) };
}

/** Reads a plan file: wbs.json, or a Markdown plan. */
export function importPlan(text: string): ImportResult {
  // JSON of any shape (an object, an array, a string) is read as wbs.json, never as Markdown.
  if (/^[{["]/.test(text.trimStart())) {
    const parsed = parseWbsJson(text);
    if (!parsed.ok) return parsed;
    const validation = validateWbs(parsed.wbs);
    if (!validation.ok)
      return {
        ok: false,
        errors: validation.errors.map((e) =>
          e.field && e.wpId
            ? `${e.message} (field work_packages[${parsed.wbs.work_packages.findIndex((p) => p.id === e.wpId)}].${e.field})`
            : e.message,
        ),
      };
    return { ok: true, wbs: parsed.wbs, warnings: validation.warnings.map((w) => w.message) };
  }
  return importMarkdownPlan(text);
}
