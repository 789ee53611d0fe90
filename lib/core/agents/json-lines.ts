// Reading agents' JSON-lines output: one object a line, anything else is not an event.

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string => (typeof v === "string" ? v : "");
export const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** One line as an object; null when it is not a JSON object. */
export function parseJson(line: string): Json | null {
  if (!line.startsWith("{")) return null;
  try {
    const value = JSON.parse(line);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** Every JSON object line of a text. */
export const jsonEvents = (text: string): Json[] =>
  text
    .split("\n")
    .map((l) => parseJson(l.trim()))
    .filter((e): e is Json => e !== null);
