// The wbs.json format of the "team of teams" workflow, extended with optional scope and contract
// fields. Unknown fields are kept (loose objects) so a file round-trips without losing anything.
import { z } from "zod";

export const MAX_WORK_PACKAGES = 10;

const text = z.string();

export const workPackageSpecSchema = z.looseObject({
  id: text,
  name: text,
  scope: text.default(""),
  expected_outputs: z.array(text).default([]),
  dependencies: z.array(text).default([]),
  status: text.default("pending"),
  in_scope: text.optional(),
  out_of_scope: text.optional(),
  produces: text.optional(),
  consumes: text.optional(),
  acceptance: text.optional(),
});

export const workBreakdownSchema = z.looseObject({
  task: text,
  created: text.optional(),
  work_packages: z.array(workPackageSpecSchema),
});

export type WorkPackageSpec = z.infer<typeof workPackageSpecSchema>;
export type WorkBreakdown = z.infer<typeof workBreakdownSchema>;
