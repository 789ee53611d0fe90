// The words of a task that are not packages: how many ("ten utility modules"), what every part
// must also have ("each with types and tests", "make sure everything is typed"), and a request
// for documentation ("and a README"). The splitter reads them so they never become packages.

/** A concern every package covers: its tests, its types, its error handling… */
export type Concern = string;

export interface StatedCount {
  count: number;
  /** The kind of thing counted, singular: "utility module", "endpoint". */
  kind: string;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  fifteen: 15,
  twenty: 20,
};
const NUMBER = `(?:\\d{1,2}|${Object.keys(NUMBER_WORDS).join("|")})`;
/** "ten utility modules", "3 endpoints", "a dozen helpers": a number and the noun after it. */
const QUANTITY = new RegExp(
  `\\b(?:a\\s+)?(${NUMBER})\\s+(?:(?:new|small|separate|different|independent|more)\\s+)?([a-z][\\w-]*(?:\\s+(?!and\\b|or\\b|with\\b|for\\b|that\\b|each\\b)[a-z][\\w-]*)?)`,
  "i",
);
/** Vague amounts that name nothing: stripped, never counted. */
export const VAGUE_AMOUNT =
  /^(?:a\s+(?:few|couple\s+of|number\s+of|set\s+of|bunch\s+of|pair\s+of)|several|some|both|multiple|various|many)\s+/i;

export const isNumberWord = (word: string) => /^\d+$/.test(word) || word.toLowerCase() in NUMBER_WORDS;

/** "endpoints" → "endpoint", "utility libraries" → "utility library". */
export function singular(phrase: string): string {
  return phrase.replace(/([a-z]+)$/i, (w) =>
    /ies$/i.test(w)
      ? w.slice(0, -3) + "y"
      : /(?:ss|sh|ch|x)es$/i.test(w)
        ? w.slice(0, -2)
        : /[^s]s$/i.test(w)
          ? w.slice(0, -1)
          : w,
  );
}

/** The first "N things" in a phrase, and the phrase without it. */
export function statedCount(text: string): { stated: StatedCount; rest: string } | null {
  const match = QUANTITY.exec(text);
  if (!match) return null;
  const raw = match[1].toLowerCase();
  const count = NUMBER_WORDS[raw] ?? Number(raw);
  // "one" alone is an article more often than a count ("one place"); a count names several.
  if (!Number.isInteger(count) || count < 2) return null;
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`
    .replace(/\s+(?:with|for)\s*$/i, "")
    .replace(/\s+/g, " ")
    .trim();
  return { stated: { count, kind: singular(match[2].toLowerCase()) }, rest };
}

const CONCERNS: Array<[RegExp, Concern]> = [
  [
    /^(?:(?:unit|integration|e2e|end-to-end|automated|good|full|proper)\s+)*(?:tests?|testing|test\s+coverage|coverage)$/,
    "tests",
  ],
  [
    /^(?:(?:typescript|static|strict|full|proper|strong)\s+)*(?:types?|typings?|type\s+definitions|type\s+safety|type\s+hints)$/,
    "types",
  ],
  [/^(?:(?:proper|good|graceful|robust|full)\s+)*(?:error\s+handling|errors)$/, "error handling"],
  [/^(?:docstrings|jsdoc|doc\s+comments|comments)$/, "doc comments"],
  [/^(?:input\s+)?validation\s+of\s+(?:inputs?|arguments)$/, "input validation"],
];
const PREDICATES: Array<[RegExp, Concern]> = [
  [/^(?:strongly\s+|strictly\s+|fully\s+)?(?:typed|type-safe|type\s+safe|type-checked)$/, "types"],
  [/^(?:well\s+|fully\s+|properly\s+|unit\s+)?(?:tested|covered\s+by\s+tests|test-covered)$/, "tests"],
  [/^(?:well\s+|fully\s+)?documented$/, "docs"],
  [/^(?:handles?\s+errors|error-safe)$/, "error handling"],
];
const DOCS =
  /^(?:an?\s+|the\s+)?(?:readme|docs|documentation|usage\s+docs|api\s+docs|user\s+guide|guide|docs\s+page)(?:\s+(?:file|page|for\s+(?:it|them|each|all|everything)))?$/i;
/** "make sure everything is typed", "everything should be tested", "ensure it works offline". */
const ASSURANCE = new RegExp(
  "^(?:and\\s+|also\\s+|please\\s+)*(?:" +
    "(?:make\\s+sure|ensure|be\\s+sure)\\s+(?:that\\s+)?(?:everything|it|all(?:\\s+of\\s+(?:it|them))?|the\\s+code|they|each\\s+(?:one|part|module|package)|all\\s+code)" +
    "|(?:everything|all(?:\\s+of\\s+it)?|all\\s+code|the\\s+code|each\\s+(?:one|part|module|package))\\s+(?:should|must|needs\\s+to|has\\s+to))" +
    "\\s+(?:is|are|'s|be|has|have|gets?|get)?\\s*(.+)$",
  "i",
);
/** ", each with types and tests", " all of them with tests": what every part must also have. */
const EACH_WITH =
  /,?\s*\b(?:each(?:\s+one)?|every\s+one|all\s+of\s+them|all|both)\s*(?:of\s+them\s+)?,?\s+(?:with|having|including|has|have|comes?\s+with|should\s+have|must\s+have)\s+([^,.;:]+?)(?=\s*(?:[,.;:]|$))/gi;

const clean = (s: string) =>
  s
    .trim()
    .replace(/^(?:(?:and|or|plus|also|with|add|write|include|have)\s+)+/i, "")
    .replace(/^(?:its|their|own|an?|the)\s+/gi, "")
    .replace(/[.;!?,]+$/, "")
    .trim()
    .toLowerCase();

/** A concern named by a short phrase ("unit tests", "typed", "a README"), or null. */
function knownConcern(phrase: string): Concern | "docs" | null {
  const text = clean(phrase);
  if (DOCS.test(text)) return "docs";
  for (const [pattern, concern] of [...CONCERNS, ...PREDICATES]) if (pattern.test(text)) return concern;
  return null;
}

/**
 * What a list item asks of every part, when that is all it does: "tests", "a README", "make sure
 * everything is typed and tested" → ["tests"], ["docs"], ["types", "tests"]. Empty for a real part.
 */
export function concernsOf(item: string): Array<Concern | "docs"> {
  const one = knownConcern(item);
  if (one) return [one];
  const assured = ASSURANCE.exec(item.trim().replace(/[.;!?,]+$/, ""));
  if (!assured) return [];
  // An assurance about everything is cross-cutting even when its words are new ("works offline").
  return assured[1]
    .split(/\s*,\s*|\s+and\s+/)
    .map((s) => knownConcern(s) ?? clean(s))
    .filter(Boolean);
}

/** Takes the "each with …" clauses out of the text: what they name applies to every part. */
export function takeEachWith(text: string): { text: string; perPart: string[] } {
  const perPart: string[] = [];
  const rest = text.replace(EACH_WITH, (_, list: string) => {
    perPart.push(
      ...list
        .split(/\s*,\s*|\s+(?:and|&|plus)\s+/i)
        .map(clean)
        .filter(Boolean),
    );
    return "";
  });
  return { text: rest.replace(/\s+,/g, ",").replace(/,\s*,/g, ",").trim(), perPart };
}
