"use client";
// One diff of a run as shown: the feature branch (wpId null) or a package's, with or without
// whitespace changes.
import { useQuery } from "@tanstack/react-query";
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
  });
}
