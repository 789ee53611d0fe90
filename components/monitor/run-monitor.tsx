"use client";
// The monitor: the run's waves live over Server-Sent Events, the selected package's details
// and log (following the package that needs a person), a countdown while the stagger holds the
// next start, Retry failed and Cancel.
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { cancelRunAction, retryFailedAction } from "@/lib/actions/run-controls";
import { useRunEvents, useRunState } from "@/lib/client/use-run-state";
import type { RunState } from "@/lib/server/runs/get-run-state";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/status-badge";
import { describeAgentRan } from "@/lib/core/run/agent-ran";
import { needsAttention } from "@/lib/core/run/statuses";
import { formatUsd } from "@/lib/core/run/budget";
import { Countdown, Elapsed } from "./clock";
import { PackageOutput } from "./package-output";
import { RunBudget } from "./run-budget";
import { PackageDetails } from "./package-details";
import { WaveBoard } from "./wave-board";
import { DeliveryPanel } from "@/components/report/delivery-panel";

const isLive = (attemptStatus: string | undefined) =>
  attemptStatus === undefined || attemptStatus === "starting" || attemptStatus === "running";

export function RunMonitor({ runId, initial }: { runId: string; initial: RunState }) {
  const { data: state = initial, error } = useRunState(runId, initial);
  const logSizes = useRunEvents(runId, true);
  const params = useSearchParams();
  // The detail panel follows the package that needs a person (else the running one) until a
  // person picks a package.
  const [chosen, setSelected] = useState<string | null>(params.get("wp"));
  const selected =
    chosen ??
    state.packages.find((p) => needsAttention(p.status))?.wpId ??
    state.packages.find((p) => p.status === "running")?.wpId ??
    state.packages[0]?.wpId ??
    null;
  // The log follows the newest attempt until a person picks another one.
  const [chosenAttempt, setChosenAttempt] = useState<{ wpId: string; number: number } | null>(null);
  const pkg = state.packages.find((p) => p.wpId === selected) ?? null;
  const shownAttempt = pkg ? (chosenAttempt?.wpId === pkg.wpId ? chosenAttempt.number : pkg.attempt) : 0;
  const { run, totals } = state;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <StatusBadge status={run.status} />
        <p data-testid="run-progress">
          <span className="font-semibold tabular-nums">
            {totals.merged} of {totals.packages}
          </span>{" "}
          packages done
        </p>
        {totals.failed > 0 && (
          <p className="text-red-700 dark:text-red-400">
            {totals.failed} {totals.failed === 1 ? "needs" : "need"} attention
          </p>
        )}
        {totals.failed > 0 && !run.stoppedByBudget && !run.cancelRequested && (
          <ActionForm
            action={retryFailedAction}
            fields={{ runId }}
            label="Retry failed"
            pendingLabel="Retrying…"
            variant="primary"
          />
        )}
        <p className="text-zinc-600 dark:text-zinc-400">
          Elapsed <Elapsed from={run.startedAt} to={run.finishedAt} />
        </p>
        <RunBudget
          runId={runId}
          costUsd={run.costUsd}
          budgetUsd={run.budgetUsd}
          packageBudgetUsd={run.packageBudgetUsd}
          burn={run.status === "running" ? run.burn : null}
          forecast={run.budgetForecast}
          editable={run.status !== "completed" && !run.stoppedByBudget}
        />
        {state.nextStartAt && state.waitingForStagger && (
          <p className="text-zinc-600 dark:text-zinc-400" role="timer">
            Next start in <Countdown until={state.nextStartAt} />
          </p>
        )}
        <p className="text-zinc-600 dark:text-zinc-400">
          Branch <span className="font-mono">{run.featureBranch}</span>
        </p>
        {!run.options.testCommand && (
          <p className="text-amber-800 dark:text-amber-300" data-testid="baseline">
            No test gate: merges are not checked by tests
          </p>
        )}
        {run.options.testCommand && (
          <p className="text-zinc-600 dark:text-zinc-400" data-testid="baseline">
            Base tests:{" "}
            {run.testGate === "off"
              ? "gate off"
              : !run.testBaseline
                ? "not run yet"
                : run.testBaseline.exitCode === 0
                  ? "green"
                  : run.testBaseline.failures
                    ? `${run.testBaseline.failures.length} already failing (only new failures block)`
                    : "red"}
          </p>
        )}
        {run.status === "running" && !run.cancelRequested && (
          <div className="ml-auto">
            <ActionForm
              action={cancelRunAction}
              fields={{ runId }}
              label="Cancel run"
              variant="danger"
              confirm="Stop every agent of this run?"
            />
          </div>
        )}
      </div>
      <details className="rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Settings this run started with</summary>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-xs sm:grid-cols-3" data-testid="run-settings">
          {[
            ["Agent", run.agentLabel],
            ["What Flotilla reads from it", run.agentCapabilities],
            ["Agent program", describeAgentRan(run.agentRan) ?? "not started yet"],
            ["Model", run.options.model ?? "the agent's default"],
            ["Sandbox (IS_SANDBOX=1)", run.options.sandbox ? "yes" : "no"],
            ["Base branch", run.options.baseBranch],
            ["Concurrency", String(run.options.concurrency)],
            ["Stagger", `${run.options.staggerSeconds} s`],
            ["Timeout", `${run.options.timeoutSeconds} s`],
            ["Review", `${run.options.reviewMode}${run.options.humanGate ? " + a person" : ""}`],
            ["Test command", run.options.testCommand ?? "none"],
            ["Test gate", run.options.testGate],
            ["Set-up command", run.options.setupCommand ?? "none"],
            ["Files to copy", run.options.copyFiles.join(", ") || "none"],
            ["Budget", run.budgetUsd === null ? "no limit" : formatUsd(run.budgetUsd)],
            ["Cap per package", run.packageBudgetUsd === null ? "none" : formatUsd(run.packageBudgetUsd)],
          ].map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
              <dd className="font-mono">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      {run.statusReason && run.status !== "running" && (
        <Alert tone={run.status === "completed" ? "info" : "warning"}>
          {run.statusReason}
          {run.stoppedByBudget && (
            <RunBudget runId={runId} costUsd={run.costUsd} budgetUsd={run.budgetUsd} editable raise />
          )}
        </Alert>
      )}
      {run.status === "completed" && (
        <DeliveryPanel runId={runId} featureBranch={run.featureBranch} delivery={run.delivery} />
      )}
      {run.cancelRequested && run.status === "running" && <Alert tone="warning">Stopping the agents…</Alert>}
      {error && <Alert tone="error">Live updates paused: {error.message}</Alert>}
      <WaveBoard state={state} selected={selected} onSelect={setSelected} />
      {pkg && (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <PackageDetails runId={runId} pkg={pkg} />
          {pkg.attempt > 0 ? (
            <PackageOutput
              key={pkg.wpId}
              runId={runId}
              wpId={pkg.wpId}
              attempt={shownAttempt}
              knownSize={shownAttempt === pkg.attempt ? Math.max(logSizes[pkg.wpId] ?? 0, pkg.logSize) : 0}
              attempts={[...pkg.attempts]
                .sort((a, b) => a.number - b.number)
                .map((a) => ({ number: a.number, role: a.role }))}
              onAttempt={(number) => setChosenAttempt({ wpId: pkg.wpId, number })}
              live={shownAttempt === pkg.attempt && isLive(pkg.attempts.find((a) => a.number === shownAttempt)?.status)}
              hasActivity={run.hasActivity}
            />
          ) : (
            <Alert>{pkg.wpId} has not started yet.</Alert>
          )}
        </div>
      )}
    </div>
  );
}
