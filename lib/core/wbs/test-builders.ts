// Small builders for WBS values in tests (not imported by production code).
import type { WorkBreakdown, WorkPackageSpec } from "./wbs-schema";

export function wp(id: string, dependencies: string[] = [], overrides: Partial<WorkPackageSpec> = {}): WorkPackageSpec {
  const slug = id.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    id,
    name: `Package ${id}`,
    scope: `Builds the ${id} part`,
    expected_outputs: [`src/${slug}.ts`],
    dependencies,
    status: "pending",
    ...overrides,
  };
}

export function wbsOf(packages: WorkPackageSpec[], task = "Build the thing"): WorkBreakdown {
  return { task, created: "2026-11-21T00:00:00.000Z", work_packages: packages };
}
