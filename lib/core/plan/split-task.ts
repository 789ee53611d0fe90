// Splits a compound task into its parts: list items, sentences, the clause after "with" or
// "including", and items joined by commas or "and". The rest is context shared by all parts.
// Counts ("ten utility modules"), concerns of every part ("each with types and tests") and a
// request for docs ("and a README") are read as such, never as parts.
import { concernsOf, isNumberWord, statedCount, takeEachWith, VAGUE_AMOUNT, type StatedCount } from "./task-modifiers";

export interface TaskPart {
  /** The part as written, e.g. "audit logging". */
  text: string;
  /** A short title, e.g. "Audit logging". */
  name: string;
  /** Significant words for file names, e.g. ["audit", "logging"]. */
  words: string[];
  /** What kind of thing it is, when the task says ("3 endpoints: users, orders" → "endpoint"). */
  kind?: string;
  /** For a counted part the task does not name ("ten utility modules"): its number. */
  placeholder?: number;
}

export interface SplitTask {
  /** What all parts belong to, e.g. "a full authentication system" (may be empty). */
  context: string;
  /** Significant words of the context, for a folder name, e.g. ["authentication"]. */
  areaWords: string[];
  parts: TaskPart[];
  /** The number the task states, e.g. { count: 10, kind: "utility module" }. */
  stated: StatedCount | null;
  /** What every part also covers: "tests", "types", "error handling"… */
  concerns: string[];
  /** Whether the task asks for documentation (a README, docs). */
  docs: boolean;
}

const LEADING_FILLER =
  /^(?:(?:please|then|also|and|or|plus|to|we|need|needs|want|should|must|will|can|let's|lets|i|you)\s+)+/i;
const VERBS =
  /^(?:build|add|create|implement|write|make|set\s+up|setup|develop|design|introduce|support|provide|include|integrate|wire\s+up|refactor|improve|fix|update|extend|enable|generate|define|configure|store|send|persist|save|expose|handle|track|notify|validate|render|show|display|migrate|parse|export|import|sync|cache|fetch|load|allow|let|give|serve|publish|schedule|process|compute|calculate|document|test|deploy|rewrite|replace|remove|delete|convert|port|move|split|extract)\s+/i;
const ARTICLES =
  /^(?:a|an|the|some|full|fully|complete|basic|simple|new|proper|robust|small|minimal|working|our|its|their)\s+/i;
const STOP = new Set([
  "a",
  "an",
  "the",
  "and",
  "or",
  "of",
  "for",
  "to",
  "in",
  "on",
  "with",
  "by",
  "from",
  "into",
  "using",
  "via",
  "that",
  "this",
  "these",
  "those",
  "its",
  "their",
  "our",
  "as",
  "at",
  "be",
  "is",
  "are",
  "it",
  "all",
  "each",
  "any",
  "per",
  "plus",
  "when",
  "whenever",
  "if",
  "then",
  "after",
  "before",
  "so",
  "such",
  "like",
  "new",
  "every",
  "them",
  "they",
  "we",
  "us",
  "can",
  "should",
  "must",
  "will",
  "has",
  "have",
]);
const GENERIC = new Set([
  "system",
  "systems",
  "module",
  "modules",
  "feature",
  "features",
  "service",
  "services",
  "app",
  "application",
  "layer",
  "support",
  "functionality",
  "component",
  "components",
  "part",
  "parts",
  "thing",
  "stuff",
  "code",
  "logic",
  "implementation",
]);
const HEAD_SPLIT =
  /\s+(?:with|including|featuring|that\s+has|that\s+have|that\s+supports?|which\s+supports?|supporting|consisting\s+of|comprising)\s+|\s+[—–]\s+|\s+--\s+/i;

/** Strips verbs, articles and filler from the front: "build a full auth system" → "auth system". */
export function stripLead(text: string): string {
  let out = text.trim().replace(/^[-*•]\s*|^\d+[.)]\s*/, "");
  for (let i = 0; i < 6; i++) {
    const withoutFiller = out.replace(LEADING_FILLER, "");
    const withoutVerb = withoutFiller.replace(VERBS, "");
    // "deploy to staging" keeps its verb: without it only "staging" would be left.
    const verbMatters = /^(?:to|from|into|onto|back|up|down|out|over|in|on|off|away)\b/i.test(withoutVerb);
    const next = (verbMatters ? withoutFiller : withoutVerb).replace(ARTICLES, "").replace(VAGUE_AMOUNT, "");
    if (next === out) break;
    out = next;
  }
  return out.replace(/[.;!?,]+$/, "").trim();
}

/** Significant words of a phrase, for file and folder names (never a number: "ten" names nothing). */
export function significantWords(text: string, max = 3): string[] {
  const words = stripLead(text)
    .replace(/[^A-Za-z0-9\s-]/g, " ")
    .split(/[\s-]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w && !STOP.has(w) && !isNumberWord(w));
  const specific = words.filter((w) => !GENERIC.has(w));
  return (specific.length > 0 ? specific : words).slice(0, max);
}

/** A title for a part: keeps acronyms and brand casing (OAuth, RBAC), capitalises the first letter. */
function titleOf(text: string): string {
  const stripped = stripLead(text);
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}

function part(text: string): TaskPart | null {
  const name = titleOf(text);
  const words = significantWords(text);
  return name && words.length > 0 ? { text: text.trim().replace(/[.;!?,]+$/, ""), name, words } : null;
}

/** Items of a comma / "and" list: "OAuth, RBAC, and audit logging" → [OAuth, RBAC, audit logging]. */
function listItems(text: string): string[] {
  return text
    .split(/\s*,\s*|\s*;\s*|\s+(?:and|&|plus|as\s+well\s+as)\s+/i)
    .map((s) => s.replace(/^(?:and|or)\s+/i, "").trim())
    .filter((s) => s.length > 0);
}

const onlyConcerns = (items: string[]) => items.length > 0 && items.every((i) => concernsOf(i).length > 0);

function splitSentence(raw: string): { context: string; items: string[] } {
  // "three endpoints (users, orders and carts)" lists its parts in brackets.
  const sentence = raw.replace(/\s*\(([^()]*(?:,|\band\b)[^()]*)\)/, ": $1");
  // A colon introduces the list even after a "with": "an API with 3 endpoints: users, orders".
  const colon = /:\s+/.exec(sentence);
  const head = colon && colon.index > 0 ? colon : HEAD_SPLIT.exec(sentence);
  if (head && head.index > 0) {
    const context = sentence.slice(0, head.index);
    const items = listItems(sentence.slice(head.index + head[0].length));
    // "a rate limiter with tests": the clause only adds concerns, so the head is the part.
    if (onlyConcerns(items)) return { context: "", items: [...listItems(context), ...items] };
    if (items.length > 0) return { context, items };
  }
  return { context: "", items: listItems(sentence) };
}

/** Context and raw parts, from list lines, sentences or one sentence's clauses. */
function rawSplit(text: string): { context: string; rawParts: string[] } {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const listLines = lines.filter((l) => /^(?:[-*•]|\d+[.)])\s+/.test(l));
  if (listLines.length >= 2) {
    const context = lines
      .filter((l) => !listLines.includes(l))
      .join(" ")
      .replace(/:$/, "");
    return { context, rawParts: listLines.map((l) => l.replace(/^(?:[-*•]|\d+[.)])\s+/, "")) };
  }
  const all = text
    .replace(/\n+/g, " ")
    .split(/(?<=[.!?;])\s+(?=[A-Z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
  // "Make sure everything is tested." is a concern of the others, not a sentence to split on.
  const said = all.filter((s) => onlyConcerns(listItems(s)));
  const concerns = said.length < all.length ? said : [];
  const sentences = all.filter((s) => !concerns.includes(s));
  if (sentences.length < 2) {
    const single = splitSentence(sentences[0] ?? text);
    return { context: single.context, rawParts: [...single.items, ...concerns] };
  }
  // Several sentences: each one is a part, unless the first only sets the scene.
  const first = splitSentence(sentences[0]);
  return first.context
    ? { context: first.context, rawParts: [...first.items, ...sentences.slice(1), ...concerns] }
    : { context: "", rawParts: [...sentences, ...concerns] };
}

/** "carts with documentation" → "carts", noting the docs; a part keeps a tail that is not a concern. */
function withoutTrailingConcerns(raw: string): { text: string; found: string[] } {
  const tail = /\s+(?:with|including|plus|and)\s+(.+)$/i.exec(raw);
  if (!tail || tail.index === 0) return { text: raw, found: [] };
  const items = listItems(tail[1]);
  if (!onlyConcerns(items)) return { text: raw, found: [] };
  return { text: raw.slice(0, tail.index), found: items.flatMap(concernsOf) };
}

export function splitTask(task: string): SplitTask {
  const normalized = task.replace(/\r\n?/g, "\n").trim();
  const eachWith = takeEachWith(normalized);
  const concerns = new Set<string>();
  let docs = false;
  const note = (found: string[]) => {
    for (const c of found)
      if (c === "docs") docs = true;
      else concerns.add(c);
  };
  for (const item of eachWith.perPart) note(concernsOf(item).length > 0 ? concernsOf(item) : [item]);

  let { context, rawParts } = rawSplit(eachWith.text);
  // Concerns and docs leave the list, unless nothing else is left ("Add tests and types").
  const kept = rawParts.filter((r) => concernsOf(r).length === 0);
  if (kept.length > 0) {
    rawParts.forEach((r) => note(concernsOf(r)));
    rawParts = kept;
  }

  // A count in the context applies to the listed parts; a part that is only a count is unnamed.
  let stated: StatedCount | null = null;
  const inContext = statedCount(context);
  if (inContext) {
    stated = inContext.stated;
    // "Add 3 endpoints: …" leaves only the verb, which names no area.
    context = stripLead(`${inContext.rest} x`) === "x" ? "" : inContext.rest;
  }
  const parts: TaskPart[] = [];
  const seen = new Set<string>();
  const add = (p: TaskPart | null) => {
    if (!p || seen.has(p.words.join("-"))) return;
    seen.add(p.words.join("-"));
    parts.push(p);
  };
  for (const written of rawParts) {
    const trimmed = withoutTrailingConcerns(written);
    note(trimmed.found);
    const raw = trimmed.text;
    const counted = statedCount(raw);
    if (counted && !stated) {
      stated = counted.stated;
      continue;
    }
    const p = part(raw);
    add(p && stated && inContext ? { ...p, kind: stated.kind } : p);
  }
  if (stated) for (let n = parts.length + 1; n <= stated.count; n++) add(placeholder(stated, n));
  if (parts.length === 0) add(part(normalized));
  return {
    context: stripLead(context),
    areaWords: context ? significantWords(context, 1) : [],
    parts,
    stated,
    concerns: [...concerns],
    docs,
  };
}

/** The n-th of a counted part the task does not name: "Utility module 4". */
function placeholder(stated: StatedCount, n: number): TaskPart {
  const kindWords = significantWords(stated.kind, 2);
  return {
    text: `${stated.kind} ${n} of the ${stated.count} the task asks for`,
    name: `${stated.kind.charAt(0).toUpperCase()}${stated.kind.slice(1)} ${n}`,
    words: [...(kindWords.length > 0 ? kindWords : ["part"]), String(n)],
    kind: stated.kind,
    placeholder: n,
  };
}
