"use client";
// One diff of a run as shown: the feature branch (wpId null) or a package's, with or without
// whitespace changes.
import { useQuery, type QueryKey } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { runKeys } from "@/lib/client/query-keys";
import type { DiffResult } from "@/lib/server/runs/run-diff";

export function diffUrl(runId: string, wpId: string | null, hideWhitespace: boolean): string {
  const base = wpId ? `/api/runs/${runId}/work-packages/${encodeURIComponent(wpId)}/diff` : `/api/runs/${runId}/diff`;
  return hideWhitespace ? `${base}?whitespace=hide` : base;
}

export function useDiff<T extends DiffResult = DiffResult>(
  runId: string,
  wpId: string | null,
  hideWhitespace: boolean,
  options: { enabled?: boolean; revision?: number } = {},
) {
  return useQuery({
    queryKey: runKeys.diffShown(runId, wpId, hideWhitespace, options.revision),
    queryFn: () => fetchJson<T>(diffUrl(runId, wpId, hideWhitespace)),
    enabled: options.enabled ?? true,
    // Toggling whitespace keeps the files on screen until the other form arrives; another diff does not.
    placeholderData: (previous, query) =>
      query && sameDiff(query.queryKey, runKeys.diffShown(runId, wpId, hideWhitespace)) ? previous : undefined,
  });
}

/** Keys of the same diff, whatever its whitespace option and revision. */
const sameDiff = (a: QueryKey, b: QueryKey) => JSON.stringify(a.slice(0, -1)) === JSON.stringify(b.slice(0, -1));
