"use client";
// The run's state, kept fresh by the run's Server-Sent Events: a "changed" message invalidates
// the state query; log sizes tell open log panels that new output is there.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { RunState } from "@/lib/server/runs/get-run-state";
import { fetchJson } from "./fetch-json";
import { runKeys } from "./query-keys";

export function useRunState(runId: string, initial?: RunState) {
  return useQuery({
    queryKey: runKeys.state(runId),
    queryFn: () => fetchJson<RunState>(`/api/runs/${runId}/state`),
    initialData: initial,
    staleTime: 0,
  });
}

/** Subscribes to the run's change stream; returns the latest known log sizes per package. */
export function useRunEvents(runId: string, enabled: boolean): Record<string, number> {
  const client = useQueryClient();
  const [logSizes, setLogSizes] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/runs/${runId}/events`);
    source.addEventListener("changed", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as {
        status: boolean;
        logs: Record<string, number>;
      };
      setLogSizes(data.logs);
      void client.invalidateQueries({ queryKey: runKeys.state(runId) });
      if (data.status) void client.invalidateQueries({ queryKey: runKeys.diff(runId) });
    });
    return () => source.close();
  }, [runId, enabled, client]);
  return logSizes;
}
