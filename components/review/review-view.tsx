"use client";
// Review: the merged feature branch against the base (with the merges in order and the test
// result after each), or one package's diff; and "Merge into <base>" when the run is complete.
import { describePackageStatus, type PackageStatus, type RunStatus } from "@/lib/core/run/statuses";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { mergeIntoBaseAction } from "@/lib/actions/run-controls";
import { fetchJson } from "@/lib/client/fetch-json";
import { runKeys } from "@/lib/client/query-keys";
import type { DiffResult } from "@/lib/server/runs/run-diff";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { DiffView } from "./diff-view";

type RunDiff = DiffResult & {
  merges: Array<{ wpId: string; name: string; commit: string; testOutput: string | null; testNote: string | null }>;
};

export function ReviewView({
  runId,
  packages,
  status,
  baseBranch,
  featureBranch,
}: {
  runId: string;
  packages: Array<{ wpId: string; name: string; status: PackageStatus }>;
  status: RunStatus;
  baseBranch: string;
  featureBranch: string | null;
}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const wp = params.get("wp");
  const runDiff = useQuery({
    queryKey: runKeys.diff(runId),
    queryFn: () => fetchJson<RunDiff>(`/api/runs/${runId}/diff`),
    enabled: !wp && featureBranch !== null,
  });
  const packageDiff = useQuery({
    queryKey: runKeys.packageDiff(runId, wp ?? ""),
    queryFn: () => fetchJson<DiffResult>(`/api/runs/${runId}/work-packages/${wp}/diff`),
    enabled: !!wp,
  });
  const current = wp ? packageDiff : runDiff;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Show</span>
          <select
            value={wp ?? ""}
            onChange={(e) => router.replace(e.target.value ? `${pathname}?wp=${e.target.value}` : pathname)}
            className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">The merged feature branch</option>
            {packages.map((p) => (
              <option key={p.wpId} value={p.wpId}>
                {p.wpId} {p.name} ({describePackageStatus(p.status)})
              </option>
            ))}
          </select>
        </label>
        {status === "completed" && (
          <div className="ml-auto">
            <ActionForm
              action={mergeIntoBaseAction}
              fields={{ runId }}
              label={`Merge into ${baseBranch}`}
              variant="primary"
              confirm={`Merge ${featureBranch} into ${baseBranch} with a merge commit?`}
            />
          </div>
        )}
      </div>
      {current.isPending && (
        <p role="status" className="text-sm text-zinc-500">
          Loading the diff…
        </p>
      )}
      {current.error && <Alert tone="error">{current.error.message}</Alert>}
      {current.data && (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {current.data.title}
            {current.data.truncated && " — the diff is very large; only the first part is shown"}
          </p>
          {!wp && runDiff.data && runDiff.data.merges.length > 0 && (
            <section
              aria-label="Merge commits"
              className="rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
            >
              <h2 className="font-medium">Merges, in order</h2>
              <ol className="mt-1 list-decimal pl-5">
                {runDiff.data.merges.map((m) => (
                  <li key={m.commit}>
                    <span className="font-mono text-xs">{m.commit.slice(0, 10)}</span> {m.wpId} {m.name}{" "}
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">
                      — {m.testOutput === null ? "no test command" : (m.testNote ?? "tests passed")}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          )}
          <DiffView diff={current.data.diff} files={current.data.files} />
        </>
      )}
    </div>
  );
}
