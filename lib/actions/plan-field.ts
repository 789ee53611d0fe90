// Reads the plan editor's hidden "wbs" field (kept out of the "use server" files, whose every
// export is a callable endpoint).
import { parseWbsJson } from "@/lib/core/wbs/parse-wbs";
import { UserError } from "@/lib/server/errors";

export function parsePlanField(text: string) {
  const parsed = parseWbsJson(text);
  if (!parsed.ok) throw new UserError(`The plan could not be read: ${parsed.errors.join("; ")}`);
  return parsed.wbs;
}
