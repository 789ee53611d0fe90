import { describe, expect, it } from "vitest";
import { describeStopReason, readStopReason, stopReasonColumns, type StopReason } from "./stop-reasons";

describe("stop reasons", () => {
  it("render the words people read from the code and its detail", () => {
    const cases: Array<[StopReason, string]> = [
      [{ code: "exit_code", exitCode: 3 }, "The agent exited with code 3"],
      [{ code: "timeout", seconds: 2 }, "Timed out after 2 s; its process tree was stopped"],
      [{ code: "setup_timeout" }, "The set-up command timed out; the agent was not started"],
      [
        { code: "setup_failed", exitCode: 1, logTail: "npm ERR!" },
        "The set-up command failed with exit code 1; the agent was not started:\nnpm ERR!",
      ],
      [{ code: "conflict", files: ["a.ts", "b.ts"] }, "Merging it would conflict in 2 file(s): a.ts, b.ts"],
      [{ code: "blocked", waitingFor: ["WP-1"] }, "Waiting for WP-1: a dependency did not merge"],
      [{ code: "unmerged", packages: ["WP-1", "WP-2"] }, "WP-1, WP-2 did not merge; retry them to finish the run"],
      [
        { code: "unmerged", packages: ["WP-1", "WP-2", "WP-3"], retry: ["WP-1"] },
        "WP-1, WP-2, WP-3 did not merge; retry WP-1 to finish the run",
      ],
      [
        { code: "lost", restarting: false, times: 3 },
        "Its worker process vanished without recording a result (killed, or the machine restarted), 3 times in a row: retry it once the cause is fixed",
      ],
      [{ code: "cancelled", scope: "before_launch" }, "Cancelled before launch"],
      [
        { code: "budget", budgetUsd: 1, spentUsd: 1.5, agentSaid: "Claude Code stopped at its spending limit" },
        "Stopped: Claude Code stopped at its spending limit",
      ],
    ];
    for (const [reason, words] of cases) expect(describeStopReason(reason)).toBe(words);
  });

  it("are stored as a code with its detail, and read back as the same data", () => {
    const reason: StopReason = { code: "test_failure", why: "2 new failures" };
    const columns = stopReasonColumns(reason);
    expect(columns).toEqual({
      statusReason: "After merging it, 2 new failures; the merge was undone",
      reasonCode: "test_failure",
      reasonDetail: '{"why":"2 new failures"}',
    });
    expect(readStopReason(columns.reasonCode, columns.reasonDetail)).toEqual(reason);
    expect(readStopReason(null, null)).toBeNull();
    expect(stopReasonColumns(null)).toEqual({ statusReason: null, reasonCode: null, reasonDetail: null });
  });
});
