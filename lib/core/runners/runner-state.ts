// What a runner (a machine that runs agents) is doing, from its row and the clock: a runner whose
// heartbeat is older than RUNNER_LOST_MS is lost, whatever its row says.
export const RUNNER_HEARTBEAT_MS = 5_000;
export const RUNNER_LOST_MS = 30_000;

export const RUNNER_STATUSES = ["active", "draining"] as const;
export type RunnerStatus = (typeof RUNNER_STATUSES)[number];
export type RunnerState = RunnerStatus | "lost";

export function runnerState(runner: { status: string; heartbeatAt: Date }, now: Date): RunnerState {
  if (now.getTime() - runner.heartbeatAt.getTime() > RUNNER_LOST_MS) return "lost";
  return runner.status === "draining" ? "draining" : "active";
}

export function describeRunnerState(state: RunnerState): string {
  switch (state) {
    case "active":
      return "Takes work";
    case "draining":
      return "Draining: finishes its running work, takes no more";
    case "lost":
      return `Lost: no heartbeat for over ${RUNNER_LOST_MS / 1000} s`;
  }
}

/** "3 s ago", "4 min ago", "2 h ago", "5 d ago". */
export function ago(then: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}
