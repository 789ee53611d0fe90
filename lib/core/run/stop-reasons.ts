// Why a package, an attempt or a run stopped, as data: a code the engine and the UI decide on,
// with the detail the words need. The words are rendered here and only here; the rows keep both
// (reasonCode + reasonDetail for logic, statusReason for people).
import { listInWords } from "../text/list-in-words";
import { formatUsd } from "./budget";
import { describeAdmissionHold, type AdmissionHold } from "./admission";

export type StopReason =
  /** The run's budget was reached: Flotilla stopped it, or the agent stopped itself at what was left. */
  | {
      code: "budget";
      budgetUsd: number;
      spentUsd: number;
      agentSaid?: string;
      stopped?: string[];
      notStarted?: string[];
    }
  /** This package's attempts reached the cap per package (the others go on). */
  /** `resumeAt`: the review step it stopped before, where a raised cap continues it. */
  | {
      code: "package_budget";
      capUsd: number;
      spentUsd: number;
      agentSaid?: string;
      resumeAt?: "reviewing" | "fixing";
    }
  /** Not a stop: a ready package waits because the machine is short of memory or CPU. */
  | ({ code: "admission" } & AdmissionHold)
  /** Never started because the budget was reached first. */
  | { code: "not_started"; budgetUsd: number; spentUsd: number }
  | { code: "cancelled"; scope: "package" | "run" | "before_start" | "before_launch" }
  | { code: "timeout"; seconds: number }
  | { code: "setup_timeout"; logTail?: string | null }
  | { code: "setup_failed"; exitCode: number; logTail?: string | null }
  | { code: "agent_error"; error: string }
  | { code: "signal"; signal: string }
  | { code: "exit_code"; exitCode: number }
  /** The agent ran and said it failed (an API error, a turn limit), with its exit code. */
  | { code: "agent_failure"; failure: string; exitCode: number }
  /** The agent refused to run, in words its adapter gives (Claude Code as root). */
  | { code: "agent_refused"; explanation: string }
  | { code: "leaked_files"; files: string[] }
  | { code: "no_changes" }
  /** `rounds`: agent rounds tried before a person was asked; `worktree`: where a person can resolve it. */
  | { code: "conflict"; files: string[]; rounds?: number; worktree?: string; lastProblem?: string | null }
  | { code: "test_failure"; why: string }
  | { code: "review_rejected"; stage: string; pass: "parallel" | "sequential" }
  | { code: "no_verdict"; stage: string; why: string; help: string }
  | { code: "lost"; restarting: boolean; times: number }
  /** The runner host running it stopped heartbeating (its machine died or lost the network). */
  | { code: "runner_lost"; runner: string; restarting: boolean }
  | { code: "start_failed"; why: string }
  | { code: "blocked"; waitingFor: string[] }
  /** Run level: packages that did not merge, the repository gone, a red base, a failed set-up. */
  /** `retry`: the ones a person can retry (the others wait behind them). */
  | { code: "unmerged"; packages: string[]; retry?: string[] }
  | { code: "repo_missing"; repoPath: string }
  | { code: "workspace_failed"; why: string };

export type StopReasonCode = StopReason["code"];

/** The words a person reads for a stop reason. */
export function describeStopReason(reason: StopReason): string {
  switch (reason.code) {
    case "budget": {
      const reached = budgetReached(reason.budgetUsd, reason.spentUsd);
      if (reason.stopped || reason.notStarted) {
        // The run's own reason: what was stopped, what never started, and the way on.
        const parts = [
          reason.stopped?.length ? `stopped ${reason.stopped.join(", ")}` : null,
          reason.notStarted?.length ? `did not start ${reason.notStarted.join(", ")}` : null,
        ].filter(Boolean);
        return `${reached}${parts.length > 0 ? `: ${parts.join("; ")}` : ""}. Raise the budget and resume to finish it.`;
      }
      return `Stopped: ${reason.agentSaid ?? reached}`;
    }
    case "package_budget":
      return `Stopped at its cap of ${formatUsd(reason.capUsd)} per package (its agents spent ${formatUsd(reason.spentUsd)})${reason.agentSaid ? `: ${reason.agentSaid}` : ""}. Raise the cap per package, then retry it.`;
    case "admission":
      return describeAdmissionHold(reason);
    case "not_started":
      return `Not started: ${budgetReached(reason.budgetUsd, reason.spentUsd)}`;
    case "cancelled":
      return {
        package: "Cancelled by the user",
        run: "Cancelled by the user",
        before_start: "The run was cancelled before it started",
        before_launch: "Cancelled before launch",
      }[reason.scope];
    case "timeout":
      return `Timed out after ${reason.seconds} s; its process tree was stopped`;
    case "setup_timeout":
      return withTail("The set-up command timed out; the agent was not started", reason.logTail);
    case "setup_failed":
      return withTail(
        `The set-up command failed with exit code ${reason.exitCode}; the agent was not started`,
        reason.logTail,
      );
    case "agent_error":
      return `The agent could not run: ${reason.error}`;
    case "signal":
      return `The agent was killed by ${reason.signal}`;
    case "exit_code":
      return `The agent exited with code ${reason.exitCode}`;
    case "agent_failure":
      return `${reason.failure} (exit code ${reason.exitCode})`;
    case "agent_refused":
      return reason.explanation;
    case "leaked_files":
      return `The agent committed ${reason.files.join(", ")}, copied from your checkout, which must never be committed: retry it`;
    case "no_changes":
      return "The agent exited 0 but changed no files";
    case "conflict": {
      if (reason.worktree === undefined)
        return `Merging it would conflict in ${reason.files.length} file(s): ${reason.files.join(", ")}`;
      const files =
        reason.files.length === 1 ? reason.files[0] : `${reason.files.length} files: ${reason.files.join(", ")}`;
      const rounds = reason.rounds ?? 0;
      const tried =
        rounds > 0
          ? `The agent could not resolve the conflict in ${files} in ${rounds} round${rounds === 1 ? "" : "s"}${reason.lastProblem ? ` (${reason.lastProblem.split("\n")[0].replace(/^Round \d+: /, "last: ")})` : ""}`
          : `Merging it conflicts in ${files}`;
      return `${tried}: resolve it with the agent again, retry it fresh, or fix it in ${reason.worktree} and press "I resolved it"`;
    }
    case "test_failure":
      return `After merging it, ${reason.why}; the merge was undone`;
    case "review_rejected":
      return reason.pass === "parallel"
        ? `The ${reason.stage} rejected it twice; it will run again alone after the other packages`
        : `The ${reason.stage} rejected it twice again in its second, sequential pass: a person should decide (see its review history)`;
    case "no_verdict":
      return `The ${reason.stage} ${reason.why}. ${reason.help}`;
    case "lost": {
      const vanished = "Its worker process vanished without recording a result (killed, or the machine restarted)";
      if (reason.restarting) return `${vanished}: starting a fresh attempt`;
      return reason.times > 1
        ? `${vanished}, ${reason.times} times in a row: retry it once the cause is fixed`
        : vanished;
    }
    case "runner_lost": {
      const gone = `Its runner ${reason.runner} stopped answering (no heartbeat for 30 s: the host died or lost its network)`;
      return reason.restarting ? `${gone}: queued again for another runner` : gone;
    }
    case "start_failed":
      return reason.why;
    case "blocked":
      return `Waiting for ${reason.waitingFor.join(", ")}: a dependency did not merge`;
    case "unmerged": {
      const retry = reason.retry ?? reason.packages;
      const which = retry.length === reason.packages.length ? (retry.length === 1 ? "it" : "them") : listInWords(retry);
      return `${reason.packages.join(", ")} did not merge; retry ${which} to finish the run`;
    }
    case "repo_missing":
      return `The repository ${reason.repoPath} no longer exists (moved or deleted?): put it back, then retry a package or resume the run`;
    case "workspace_failed":
      return reason.why;
  }
}

export function budgetReached(budgetUsd: number, spentUsd: number): string {
  return `The run's budget of ${formatUsd(budgetUsd)} was reached (${formatUsd(spentUsd)} spent)`;
}

const withTail = (text: string, tail: string | null | undefined) => (tail ? `${text}:\n${tail}` : text);

/** The columns a stop reason is stored in (or cleared from, for null). */
export function stopReasonColumns(reason: StopReason | null): {
  statusReason: string | null;
  reasonCode: string | null;
  reasonDetail: string | null;
} {
  if (!reason) return { statusReason: null, reasonCode: null, reasonDetail: null };
  const { code, ...detail } = reason;
  return { statusReason: describeStopReason(reason), reasonCode: code, reasonDetail: JSON.stringify(detail) };
}

/** A stored stop reason (code and detail columns) as data, or null when there is none. */
export function readStopReason(code: string | null | undefined, detail: string | null | undefined): StopReason | null {
  if (!code) return null;
  try {
    return { ...JSON.parse(detail || "{}"), code } as StopReason;
  } catch {
    return null;
  }
}

/** Reasons whose words already name the exit code. */
export const namesExitCode = (code: StopReasonCode | null): boolean =>
  code === "exit_code" || code === "agent_failure" || code === "setup_failed";
