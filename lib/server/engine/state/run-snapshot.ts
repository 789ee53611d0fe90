// Loads a run with its packages, dependencies (as WBS ids) and latest attempts, and rebuilds the
// WBS the packages came from.
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { runOptionsSchema, type RunOptions } from "@/lib/core/run/run-options";
import type { WorkBreakdown, WorkPackageSpec } from "@/lib/core/wbs/wbs-schema";
import { compareWpIds } from "@/lib/core/wbs/package-id";
import { asPackageStatus, asRunStatus, type PackageStatus, type RunStatus } from "@/lib/core/run/statuses";

async function loadRow(db: Database, runId: string) {
  return db.run.findUnique({
    where: { id: runId },
    include: {
      project: true,
      workPackages: {
        orderBy: { position: "asc" },
        include: {
          dependencies: { include: { dependsOn: { select: { wpId: true } } } },
          attempts: { orderBy: { number: "desc" } },
        },
      },
    },
  });
}

type RunRow = NonNullable<Awaited<ReturnType<typeof loadRow>>>;
export type PackageRow = RunRow["workPackages"][number];
export type AttemptRow = PackageRow["attempts"][number];

export interface RunSnapshot {
  run: Omit<RunRow, "status"> & { status: RunStatus };
  options: RunOptions;
  packages: Array<
    Omit<PackageRow, "status"> & { status: PackageStatus; dependencyIds: string[]; latestAttempt: AttemptRow | null }
  >;
}

export async function loadRunSnapshot(db: Database, runId: string): Promise<RunSnapshot> {
  const run = await loadRow(db, runId);
  if (!run)
    throw new UserError(
      `There is no run ${runId}: check the id (npx flotilla status lists nothing for it)`,
      "not_found",
    );
  const packages = run.workPackages
    .map((wp) => ({
      ...wp,
      status: asPackageStatus(wp.status),
      dependencyIds: wp.dependencies.map((d) => d.dependsOn.wpId).sort(compareWpIds),
      latestAttempt: wp.attempts[0] ?? null,
    }))
    .sort((a, b) => compareWpIds(a.wpId, b.wpId));
  return {
    run: { ...run, status: asRunStatus(run.status) },
    options: runOptionsSchema.parse(JSON.parse(run.options)),
    packages,
  };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** The WBS as wbs.json has it, with each package's current status and its extra fields. */
export function toWorkBreakdown(snapshot: RunSnapshot): WorkBreakdown {
  const { run } = snapshot;
  const workPackages: WorkPackageSpec[] = snapshot.packages.map((wp) => ({
    ...parseObject(wp.details),
    id: wp.wpId,
    name: wp.name,
    scope: wp.scope,
    expected_outputs: JSON.parse(wp.expectedOutputs) as string[],
    dependencies: wp.dependencyIds,
    status: wp.status,
  }));
  return {
    ...parseObject(run.wbsExtra),
    task: run.task,
    created: run.wbsCreatedAt.toISOString(),
    work_packages: workPackages,
  };
}
