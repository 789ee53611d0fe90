"use client";
// Before launch: what the dependency graph allows (is parallelism worth it?), and how the tests
// fare on the base branch, with the choice to run without the test gate when it cannot judge.
import { useActionState } from "react";
import { checkBaseAction } from "@/lib/actions/check-base";
import { IDLE } from "@/lib/actions/action-state";
import { estimateParallelism, firstStarts } from "@/lib/core/run/parallelism";
import { formatDuration } from "@/lib/core/run/format-duration";
import { listInWords } from "@/lib/core/text/list-in-words";
import { plural } from "@/lib/core/text/plural";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { Button } from "@/components/ui/button";

export function PlanInsights({
  runId,
  wbs,
  concurrency,
  staggerSeconds,
  testCommand,
  withoutGate,
  onWithoutGate,
}: {
  runId: string;
  wbs: WorkBreakdown;
  concurrency: number;
  staggerSeconds: number;
  testCommand: string | null;
  withoutGate: boolean;
  onWithoutGate: (value: boolean) => void;
}) {
  const estimate = estimateParallelism(wbs.work_packages, concurrency);
  const first = firstStarts(wbs.work_packages, concurrency, staggerSeconds);
  const [check, runCheck, checking] = useActionState(checkBaseAction, IDLE);
  const [kind, text] =
    check.status === "ok"
      ? (/^(green|known|unknown): (.*)$/s.exec(check.message)?.slice(1) ?? ["info", check.message])
      : ["", ""];
  return (
    <section
      aria-label="Before launch"
      className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div>
        <h2 className="font-medium">Is parallelism worth it?</h2>
        <p className="mt-1 text-zinc-700 dark:text-zinc-300" data-testid="parallelism">
          Longest chain: {plural(estimate.longestChain, "package")}. Up to {estimate.maxAtOnce} at once (concurrency{" "}
          {concurrency}).
          {estimate.packages > 0 &&
            ` With packages of equal length, the crew needs about ${estimate.parallelUnits} package-time(s) instead of ${estimate.sequentialUnits}: ${Math.round(estimate.savedFraction * 100)}% less time than one agent doing them in turn.`}
        </p>
        {first.starts.length > 0 && (
          <p className="mt-1 text-zinc-700 dark:text-zinc-300" data-testid="start-times">
            After Launch:{" "}
            {listInWords(first.starts.map((s) => `${s.id} starts at ${formatDuration(s.atSeconds * 1000)}`))}
            {first.starts.length > 1 && ` (${staggerSeconds} s apart, up to ${concurrency} at once)`}.
            {first.waitingForSlot.length > 0 && ` ${listInWords(first.waitingForSlot)} wait for a free slot.`}
            {wbs.work_packages.length > first.starts.length + first.waitingForSlot.length &&
              " The others start once what they depend on has merged."}
          </p>
        )}
        {estimate.pureChain && (
          <p role="status" className="mt-1 text-amber-800 dark:text-amber-300">
            This plan is a pure chain: each package waits for the one before, so parallel agents gain nothing. Remove
            dependencies that are not needed, or use fewer, larger packages.
          </p>
        )}
      </div>
      <div>
        <h2 className="font-medium">The base&apos;s tests</h2>
        {!testCommand && (
          <p role="status" className="mt-1 text-amber-800 dark:text-amber-300" data-testid="no-test-gate">
            This run has no test command, so nothing checks its merges (no test gate). Set one in the project&apos;s
            settings and decompose again to have the tests guard each merge.
          </p>
        )}
        {testCommand && (
          <form action={runCheck} className="mt-1 flex items-center gap-2">
            <input type="hidden" name="runId" value={runId} />
            <Button type="submit" variant="secondary" disabled={checking}>
              {checking ? "Running the tests on the base…" : "Check the base's tests"}
            </Button>
          </form>
        )}
        <p
          aria-live="polite"
          className={`mt-1 ${kind === "unknown" ? "text-amber-800 dark:text-amber-300" : kind === "green" ? "text-emerald-700 dark:text-emerald-400" : ""}`}
          data-testid="base-check"
        >
          {text}
          {check.status === "error" && (
            <span role="alert" className="text-red-700 dark:text-red-400">
              {check.error}
            </span>
          )}
        </p>
        {kind === "unknown" && (
          <label className="mt-1 flex items-center gap-2">
            <input type="checkbox" checked={withoutGate} onChange={(e) => onWithoutGate(e.target.checked)} />
            Run without the test gate (merges are not undone when tests fail)
          </label>
        )}
      </div>
    </section>
  );
}
