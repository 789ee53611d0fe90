// Finds the WBS in an agent's answer: a fenced ```json block or a bare JSON object, the last
// one that parses as a WBS winning (agents often restate and correct themselves).
import { parseWbsValue, type ParseResult } from "../wbs/parse-wbs";
import { objectSpans } from "../json/object-spans";

export function extractWbs(answer: string): ParseResult {
  const fenced = [...answer.matchAll(/```[a-zA-Z]*\s*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const candidates = [...objectSpans(answer), ...fenced.flatMap(objectSpans)];
  let lastErrors: string[] | null = null;
  for (const candidate of candidates.reverse()) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    if (!value || typeof value !== "object" || !("work_packages" in value)) continue;
    const parsed = parseWbsValue(value);
    if (parsed.ok) return parsed;
    lastErrors ??= parsed.errors;
  }
  if (lastErrors) return { ok: false, errors: lastErrors };
  return { ok: false, errors: ['The answer contains no JSON object with a "work_packages" list'] };
}
