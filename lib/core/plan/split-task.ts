// Splits a compound task into its parts: list items, sentences, the clause after "with" or
// "including", and items joined by commas or "and". The rest is context shared by all parts.

export interface TaskPart {
  /** The part as written, e.g. "audit logging". */
  text: string;
  /** A short title, e.g. "Audit logging". */
  name: string;
  /** Significant words for file names, e.g. ["audit", "logging"]. */
  words: string[];
}

export interface SplitTask {
  /** What all parts belong to, e.g. "a full authentication system" (may be empty). */
  context: string;
  /** Significant words of the context, for a folder name, e.g. ["authentication"]. */
  areaWords: string[];
  parts: TaskPart[];
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
const HEAD_SPLIT = /\s+(?:with|including|featuring|that\s+has|that\s+have|consisting\s+of|comprising)\s+|:\s+/i;

/** Strips verbs, articles and filler from the front: "build a full auth system" → "auth system". */
export function stripLead(text: string): string {
  let out = text.trim().replace(/^[-*•]\s*|^\d+[.)]\s*/, "");
  for (let i = 0; i < 6; i++) {
    const withoutFiller = out.replace(LEADING_FILLER, "");
    const withoutVerb = withoutFiller.replace(VERBS, "");
    // "deploy to staging" keeps its verb: without it only "staging" would be left.
    const verbMatters = /^(?:to|from|into|onto|back|up|down|out|over|in|on|off|away)\b/i.test(withoutVerb);
    const next = (verbMatters ? withoutFiller : withoutVerb).replace(ARTICLES, "");
    if (next === out) break;
    out = next;
  }
  return out.replace(/[.;!?,]+$/, "").trim();
}

/** Significant words of a phrase, for file and folder names. */
export function significantWords(text: string, max = 3): string[] {
  const words = stripLead(text)
    .replace(/[^A-Za-z0-9\s-]/g, " ")
    .split(/[\s-]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w && !STOP.has(w));
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

function splitSentence(sentence: string): { context: string; items: string[] } {
  const head = HEAD_SPLIT.exec(sentence);
  if (head && head.index > 0) {
    const items = listItems(sentence.slice(head.index + head[0].length));
    if (items.length > 0) return { context: sentence.slice(0, head.index), items };
  }
  return { context: "", items: listItems(sentence) };
}

export function splitTask(task: string): SplitTask {
  const text = task.replace(/\r\n?/g, "\n").trim();
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const listLines = lines.filter((l) => /^(?:[-*•]|\d+[.)])\s+/.test(l));
  let context = "";
  let rawParts: string[];

  if (listLines.length >= 2) {
    context = lines
      .filter((l) => !listLines.includes(l))
      .join(" ")
      .replace(/:$/, "");
    rawParts = listLines.map((l) => l.replace(/^(?:[-*•]|\d+[.)])\s+/, ""));
  } else {
    const sentences = text
      .replace(/\n+/g, " ")
      .split(/(?<=[.!?;])\s+(?=[A-Z0-9])/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (sentences.length >= 2) {
      // Several sentences: each one is a part, unless the first only sets the scene.
      const first = splitSentence(sentences[0]);
      rawParts = [];
      if (first.context) {
        context = first.context;
        rawParts.push(...first.items);
      } else rawParts.push(sentences[0]);
      rawParts.push(...sentences.slice(1));
    } else {
      const single = splitSentence(sentences[0] ?? text);
      context = single.context;
      rawParts = single.items;
    }
  }

  const parts: TaskPart[] = [];
  const seen = new Set<string>();
  for (const raw of rawParts) {
    const p = part(raw);
    if (!p) continue;
    const key = p.words.join("-");
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(p);
  }
  if (parts.length === 0) {
    const whole = part(text);
    if (whole) parts.push(whole);
  }
  return { context: stripLead(context), areaWords: context ? significantWords(context, 1) : [], parts };
}
