"use client";
// The selected package's output: its activity feed (agents that report one) and its raw log, as
// two tabs over the same attempt, with a picker for earlier attempts.
import { useState } from "react";
import { ActivityFeed } from "./activity-feed";
import { LogPanel } from "./log-panel";

export function PackageOutput({
  runId,
  wpId,
  attempt,
  knownSize,
  live,
  attempts,
  onAttempt,
  hasActivity,
}: {
  runId: string;
  wpId: string;
  attempt: number;
  knownSize: number;
  /** The shown attempt is still running. */
  live: boolean;
  attempts: Array<{ number: number; role: string }>;
  onAttempt: (number: number) => void;
  hasActivity: boolean;
}) {
  const [tab, setTab] = useState<"activity" | "log">(hasActivity ? "activity" : "log");
  if (!hasActivity)
    return (
      <LogPanel
        runId={runId}
        wpId={wpId}
        attempt={attempt}
        knownSize={knownSize}
        attempts={attempts}
        onAttempt={onAttempt}
      />
    );
  const tabClass = (active: boolean) =>
    `rounded-t-md px-3 py-1.5 text-sm ${active ? "border border-b-0 border-zinc-200 bg-white font-medium dark:border-zinc-800 dark:bg-zinc-900" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`;
  return (
    <div className="flex flex-col">
      <div className="flex items-end justify-between gap-2">
        <div role="tablist" aria-label={`Output of ${wpId}`} className="flex gap-1">
          <button
            type="button"
            role="tab"
            id={`tab-activity-${wpId}`}
            aria-selected={tab === "activity"}
            aria-controls={`panel-${wpId}`}
            onClick={() => setTab("activity")}
            className={tabClass(tab === "activity")}
          >
            Activity
          </button>
          <button
            type="button"
            role="tab"
            id={`tab-log-${wpId}`}
            aria-selected={tab === "log"}
            aria-controls={`panel-${wpId}`}
            onClick={() => setTab("log")}
            className={tabClass(tab === "log")}
          >
            Raw log
          </button>
        </div>
        {attempts.length > 1 && (
          <select
            aria-label={`Attempt to show for ${wpId}`}
            value={attempt}
            onChange={(e) => onAttempt(Number(e.target.value))}
            className="mb-1 rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs dark:border-zinc-700 dark:bg-zinc-900"
          >
            {attempts.map((a) => (
              <option key={a.number} value={a.number}>
                attempt {a.number} · {a.role}
              </option>
            ))}
          </select>
        )}
      </div>
      <div
        role="tabpanel"
        id={`panel-${wpId}`}
        aria-labelledby={`tab-${tab}-${wpId}`}
        className={
          tab === "activity"
            ? "rounded-b-lg rounded-tr-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
            : ""
        }
      >
        {tab === "activity" ? (
          <ActivityFeed runId={runId} wpId={wpId} attempt={attempt} knownSize={knownSize} live={live} />
        ) : (
          <LogPanel runId={runId} wpId={wpId} attempt={attempt} knownSize={knownSize} />
        )}
      </div>
    </div>
  );
}
