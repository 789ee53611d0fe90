// What a package's execution produced, stored as JSON on the package.
import { z } from "zod";

export const packageOutcomeSchema = z.object({
  changedFiles: z.array(z.string()).default([]),
  outOfScopeFiles: z.array(z.string()).default([]),
  conflictFiles: z.array(z.string()).default([]),
  testOutput: z.string().nullable().default(null),
  /** Set when the merge was accepted although tests fail (as red as the base). */
  testNote: z.string().nullable().default(null),
  summary: z.string().default(""),
});
export type PackageOutcome = z.infer<typeof packageOutcomeSchema>;

export function parseOutcome(json: string): PackageOutcome {
  try {
    return packageOutcomeSchema.parse(JSON.parse(json));
  } catch {
    return packageOutcomeSchema.parse({});
  }
}
