"use client";
// A package whose conflict waits for a person: the files, the worktree to resolve it in, a
// three-way view of each file (the common ancestor, the feature branch, this package, and the
// file as it is in the worktree now), and the three ways on.
import { useQuery } from "@tanstack/react-query";
import { resolveConflictAction } from "@/lib/actions/run-controls";
import { fetchJson } from "@/lib/client/fetch-json";
import { runKeys } from "@/lib/client/query-keys";
import type { PackageState } from "@/lib/server/runs/get-run-state";
import type { ConflictView } from "@/lib/server/runs/conflict-view";
import { ActionForm } from "@/components/ui/action-form";

const MARKER = /^(<{7}|\|{7}|={7}|>{7})( |$)/;

function Pane({ title, text, markers = false }: { title: string; text: string | null; markers?: boolean }) {
  return (
    <figure className="flex min-w-0 flex-col gap-1">
      <figcaption className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{title}</figcaption>
      {text === null ? (
        <p className="rounded border border-dashed border-zinc-300 px-2 py-1 text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          Not there (or binary)
        </p>
      ) : (
        <pre
          tabIndex={0}
          aria-label={title}
          className="max-h-72 overflow-auto rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-[11px] leading-4 dark:border-zinc-800 dark:bg-zinc-950"
        >
          {text.split("\n").map((line, i) => (
            <span
              key={i}
              data-marker={markers && MARKER.test(line) ? "" : undefined}
              className={
                markers && MARKER.test(line)
                  ? "block bg-amber-100 font-semibold text-amber-900 dark:bg-amber-900/60 dark:text-amber-100"
                  : "block"
              }
            >
              {line || " "}
            </span>
          ))}
        </pre>
      )}
    </figure>
  );
}

function ThreeWay({ runId, pkg }: { runId: string; pkg: PackageState }) {
  const revision = `${pkg.openConflict?.rounds}-${pkg.openConflict?.phase}-${pkg.attempt}`;
  const view = useQuery({
    queryKey: runKeys.conflict(runId, pkg.wpId, revision),
    queryFn: () => fetchJson<ConflictView>(`/api/runs/${runId}/work-packages/${encodeURIComponent(pkg.wpId)}/conflict`),
  });
  if (view.isPending) return <p className="text-xs text-zinc-500 dark:text-zinc-400">Loading the three-way view…</p>;
  if (view.isError)
    return (
      <p role="alert" className="text-xs text-red-700 dark:text-red-400">
        {view.error.message}
      </p>
    );
  const others = view.data.with.length > 0 ? ` (with ${view.data.with.join(", ")})` : "";
  return (
    <div className="flex flex-col gap-2" data-testid="three-way">
      {view.data.files.map((file, i) => (
        <details key={file.path} open={i === 0} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
          <summary className="cursor-pointer font-mono text-xs font-medium">{file.path}</summary>
          <div className="mt-2 grid grid-cols-1 gap-2 lg:grid-cols-3">
            <Pane title="Base (common ancestor)" text={file.base} />
            <Pane title={`Feature branch${others}`} text={file.feature} />
            <Pane title={`This package (${pkg.wpId})`} text={file.package} />
          </div>
          <div className="mt-2">
            <Pane title="In the worktree now" text={file.worktree} markers />
          </div>
        </details>
      ))}
    </div>
  );
}

export function ConflictPanel({ runId, pkg }: { runId: string; pkg: PackageState }) {
  const open = pkg.openConflict;
  if (!open || pkg.status !== "conflicted") return null;
  const files = pkg.conflicts.at(-1)?.files ?? pkg.outcome.conflictFiles;
  const fields = (action: string) => ({ runId, wpId: pkg.wpId, action });
  return (
    <section aria-label={`Conflict of ${pkg.wpId}`} className="flex flex-col gap-3" data-testid="conflict-panel">
      <div className="text-sm">
        <p className="font-medium">
          Conflict in {files.join(", ")}
          {open.rounds > 0 ? `: the agent tried ${open.rounds} time${open.rounds === 1 ? "" : "s"}` : ""}
        </p>
        {open.worktree && (
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Its worktree (resolve it there, then press I resolved it):{" "}
            <code
              className="break-all select-all font-mono text-zinc-900 dark:text-zinc-100"
              data-testid="conflict-worktree"
            >
              {open.worktree}
            </code>
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <ActionForm
          action={resolveConflictAction}
          fields={fields("agent")}
          label="Resolve with agent"
          pendingLabel="Starting a round…"
          variant="primary"
        />
        <ActionForm
          action={resolveConflictAction}
          fields={fields("fresh")}
          label="Retry fresh on the new branch"
          pendingLabel="Retrying…"
          confirm={`Throw away ${pkg.wpId}'s work and start it again from the feature branch as it is now?`}
        />
        <ActionForm
          action={resolveConflictAction}
          fields={fields("done")}
          label="I resolved it"
          pendingLabel="Checking…"
        />
      </div>
      <ThreeWay runId={runId} pkg={pkg} />
    </section>
  );
}
