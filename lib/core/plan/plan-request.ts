// The three answers a new run starts from: the compound task, how many packages, how they depend
// on each other. Skipping the last two uses the defaults (3, independent).
import { z } from "zod";

export const DEPENDENCY_MODES = ["independent", "some", "sequential"] as const;
export type DependencyMode = (typeof DEPENDENCY_MODES)[number];
export const MAX_TASK_LENGTH = 20_000;

export const planRequestSchema = z.object({
  task: z
    .string({ error: "Describe the compound task to decompose: it cannot be empty or only spaces" })
    .trim()
    .min(1, "Describe the compound task to decompose: it cannot be empty or only spaces")
    .max(
      MAX_TASK_LENGTH,
      `The task is longer than ${MAX_TASK_LENGTH} characters: shorten it, or put the details in a file in the repository`,
    ),
  count: z.coerce
    .number({ error: "The number of work packages must be a number from 1 to 10" })
    .int("The number of work packages must be a whole number")
    .min(1, "Ask for at least 1 work package")
    .max(10, "At most 10 work packages can run: ask for 10 or fewer")
    .default(3),
  deps: z
    .enum(DEPENDENCY_MODES, { error: 'The dependency mode must be "independent", "some" or "sequential"' })
    .default("independent"),
});
export type PlanRequest = z.infer<typeof planRequestSchema>;
