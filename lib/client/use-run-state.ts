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

/** A log that grows refetches the run's state (live cost, activity) at most this often. */
const LOG_STATE_GAP_MS = 250;

/** Subscribes to the run's change stream; returns the latest known log sizes per package. */
export function useRunEvents(runId: string, enabled: boolean): Record<string, number> {
  const client = useQueryClient();
  const [logSizes, setLogSizes] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/runs/${runId}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const refresh = (cancelRefetch: boolean) => {
      last = Date.now();
      void client.invalidateQueries({ queryKey: runKeys.state(runId) }, { cancelRefetch });
    };
    source.addEventListener("changed", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as {
        status: boolean;
        logs: Record<string, number>;
      };
      setLogSizes(data.logs);
      if (data.status) {
        // A move: at once, and the diff too.
        if (timer) clearTimeout(timer);
        timer = null;
        refresh(true);
        void client.invalidateQueries({ queryKey: runKeys.diff(runId) });
      } else if (!timer) {
        // Output only: the log panels follow the sizes themselves; the state can trail a little.
        timer = setTimeout(
          () => {
            timer = null;
            refresh(false);
          },
          Math.max(0, last + LOG_STATE_GAP_MS - Date.now()),
        );
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [runId, enabled, client]);
  return logSizes;
}
