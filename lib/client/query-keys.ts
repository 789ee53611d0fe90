// One query-key factory per resource: SSE messages and mutations invalidate these keys.
export const runKeys = {
  all: ["runs"] as const,
  state: (runId: string) => ["runs", runId, "state"] as const,
  diff: (runId: string) => ["runs", runId, "diff"] as const,
  activity: (runId: string, wpId: string, attempt: number, size: number) =>
    ["runs", runId, "packages", wpId, "activity", attempt, size] as const,
  /** A package's open conflict, three ways; `revision` changes with its rounds. */
  conflict: (runId: string, wpId: string, revision: string) =>
    ["runs", runId, "packages", wpId, "conflict", revision] as const,
  packageDiff: (runId: string, wpId: string) => ["runs", runId, "packages", wpId, "diff"] as const,
  /** A diff as shown: with or without whitespace changes; `revision` changes when a package's work does. */
  diffShown: (runId: string, wpId: string | null, hideWhitespace: boolean, revision = 0) =>
    [...(wpId ? runKeys.packageDiff(runId, wpId) : runKeys.diff(runId)), { hideWhitespace, revision }] as const,
  /** The files marked viewed in one diff of the run (wpId null: the feature branch). */
  viewed: (runId: string, wpId: string | null) => ["runs", runId, "viewed", wpId ?? "feature"] as const,
};
