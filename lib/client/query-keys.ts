// One query-key factory per resource: SSE messages and mutations invalidate these keys.
export const runKeys = {
  all: ["runs"] as const,
  state: (runId: string) => ["runs", runId, "state"] as const,
  diff: (runId: string) => ["runs", runId, "diff"] as const,
  activity: (runId: string, wpId: string, attempt: number, size: number) =>
    ["runs", runId, "packages", wpId, "activity", attempt, size] as const,
  packageDiff: (runId: string, wpId: string) => ["runs", runId, "packages", wpId, "diff"] as const,
};
