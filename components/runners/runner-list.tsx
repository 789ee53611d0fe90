"use client";
// The Runners page: one card per machine that runs agents, kept fresh every few seconds (a
// heartbeat is a clock, not an event), with Drain / Resume.
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { ago, describeRunnerState, type RunnerState } from "@/lib/core/runners/runner-state";
import { fetchJson } from "@/lib/client/fetch-json";
import type { RunnerView } from "@/lib/server/runners/runners";
import { Button } from "@/components/ui/button";

const KEY = ["runners"] as const;

interface RunnersAnswer {
  runners: RunnerView[];
  /** The server's clock: heartbeat ages are the server's, whatever the browser's clock says. */
  now: string;
}

const STATE_TONES: Record<RunnerState, string> = {
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  draining: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  lost: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

const STATE_LABELS: Record<RunnerState, string> = { active: "active", draining: "draining", lost: "lost" };

function Field({ label, wide = false, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2 sm:col-span-1" : ""}`}>
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 break-words text-sm">{children}</dd>
    </div>
  );
}

function RunnerCard({ runner, now }: { runner: RunnerView; now: Date }) {
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: (drain: boolean) =>
      fetchJson<{ runner: RunnerView }>(`/api/runners/${encodeURIComponent(runner.id)}/${drain ? "drain" : "resume"}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    // A refresh already on its way must not bring back the state from before the click.
    onMutate: () => client.cancelQueries({ queryKey: KEY }),
    onSuccess: ({ runner: updated }) =>
      client.setQueryData<RunnersAnswer>(KEY, (answer) =>
        answer ? { ...answer, runners: answer.runners.map((r) => (r.id === updated.id ? updated : r)) } : answer,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const draining = runner.draining;
  return (
    <li
      data-testid="runner-card"
      data-runner={runner.name}
      data-state={runner.state}
      className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="break-all font-mono text-base font-semibold">{runner.name}</h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            {runner.local ? "This dashboard's machine" : "Runner host"} · {describeRunnerState(runner.state)}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATE_TONES[runner.state]}`}>
            {STATE_LABELS[runner.state]}
            {runner.state === "lost" && draining ? " (draining)" : ""}
          </span>
          {(runner.state !== "lost" || draining) && (
            <Button
              variant="secondary"
              onClick={() => toggle.mutate(!draining)}
              disabled={toggle.isPending}
              aria-label={`${draining ? "Resume" : "Drain"} runner ${runner.name}`}
            >
              {draining ? "Resume" : "Drain"}
            </Button>
          )}
        </div>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Field label="Host">
          <span className="font-mono">{runner.host}</span>
        </Field>
        <Field label="Version">{runner.version}</Field>
        <Field label="Capacity">
          {runner.capacity === null ? "each run's concurrency, as the machine allows" : `${runner.capacity} agents`}
        </Field>
        <Field label="Last heartbeat">
          <time dateTime={runner.heartbeatAt} title={runner.heartbeatAt}>
            {ago(new Date(runner.heartbeatAt), now)}
          </time>
        </Field>
        <Field label="Agents" wide>
          {runner.agents.map((kind) => AGENTS[kind].label).join(", ") || "none found"}
        </Field>
      </dl>
      <h3 className="mt-4 text-sm font-medium">
        Running now{runner.running.length > 0 ? ` (${runner.running.length})` : ""}
      </h3>
      {runner.running.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Nothing.</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm" aria-label={`Running on ${runner.name}`}>
          {runner.running.map((a) => (
            <li key={`${a.runId}-${a.wpId}-${a.role}`} className="break-words">
              <Link
                href={`/runs/${encodeURIComponent(a.runId)}?wp=${encodeURIComponent(a.wpId)}`}
                className="font-mono text-indigo-700 hover:underline dark:text-indigo-400"
              >
                {a.wpId}
              </Link>{" "}
              of <span className="font-mono">{a.runSlug}</span>
              {a.role !== "implement" && <span className="text-zinc-600 dark:text-zinc-400"> ({a.role})</span>}
            </li>
          ))}
        </ul>
      )}
      {toggle.isError && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {toggle.error.message}
        </p>
      )}
    </li>
  );
}

export function RunnerList({ initial }: { initial: RunnersAnswer }) {
  const { data: answer = initial } = useQuery({
    queryKey: KEY,
    queryFn: () => fetchJson<RunnersAnswer>("/api/runners"),
    initialData: initial,
    refetchInterval: 3_000,
  });
  const data = answer.runners;
  const now = new Date(answer.now);
  if (data.length === 0)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No runner yet: this machine registers itself when the dashboard or the CLI starts.
      </p>
    );
  return (
    <ul className="space-y-4" data-testid="runner-list">
      {data.map((runner) => (
        <RunnerCard key={runner.id} runner={runner} now={now} />
      ))}
    </ul>
  );
}
