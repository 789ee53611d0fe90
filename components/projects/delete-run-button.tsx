"use client";
// Deletes a run after a confirmation that says exactly what goes (worktrees, branches, files) and
// what is never touched; the server decides both, the dialog only shows them.
import Link from "next/link";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { deleteRunAction } from "@/lib/actions/delete-run";
import { IDLE } from "@/lib/actions/action-state";
import { fetchJson } from "@/lib/client/fetch-json";
import type { RunDeletionPreview } from "@/lib/server/engine/commands/delete-run";
import { Button } from "@/components/ui/button";

type Loaded =
  { status: "loading" } | { status: "error"; error: string } | { status: "ready"; preview: RunDeletionPreview };

function Items({ items }: { items: string[] }) {
  return (
    <ul className="mt-1 list-disc space-y-1 pl-5 [overflow-wrap:anywhere]">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function DeleteRunButton({
  runId,
  slug,
  returnHome = false,
}: {
  runId: string;
  slug: string;
  /** On the run's own page: go home once it is gone. */
  returnHome?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [state, formAction, pending] = useActionState(deleteRunAction, IDLE);

  useEffect(() => {
    if (state.status === "ok") dialog.current?.close();
  }, [state]);

  const open = () => {
    setLoaded({ status: "loading" });
    dialog.current?.showModal();
    fetchJson<RunDeletionPreview>(`/api/runs/${encodeURIComponent(runId)}/deletion`).then(
      (preview) => setLoaded({ status: "ready", preview }),
      (err: Error) => setLoaded({ status: "error", error: err.message }),
    );
  };
  const close = () => dialog.current?.close();

  return (
    <>
      <Button
        type="button"
        variant="danger"
        className="px-2 py-1 text-xs"
        onClick={open}
        aria-label={`Delete run ${slug}`}
        aria-haspopup="dialog"
      >
        Delete
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-5 text-sm text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={titleId} className="text-base font-semibold [overflow-wrap:anywhere]">
          Delete run {slug}?
        </h2>
        {loaded.status === "loading" && (
          <p className="mt-3 text-zinc-600 dark:text-zinc-400" role="status">
            Looking up what this run left behind…
          </p>
        )}
        {loaded.status === "error" && (
          <p role="alert" className="mt-3 text-red-700 dark:text-red-400">
            {loaded.error}
          </p>
        )}
        {loaded.status === "ready" && (
          <div className="mt-2 flex flex-col gap-3">
            <p className="line-clamp-3 text-zinc-600 dark:text-zinc-400" title={loaded.preview.task}>
              {loaded.preview.task}
            </p>
            {loaded.preview.blocked ? (
              <p role="alert" className="text-red-700 dark:text-red-400">
                {loaded.preview.blocked}{" "}
                <Link href={`/runs/${runId}`} className="underline">
                  Open the run to cancel it
                </Link>
              </p>
            ) : (
              <>
                <div data-testid="deletion-goes">
                  <p className="font-medium">This removes</p>
                  <Items items={loaded.preview.goes} />
                </div>
                <div data-testid="deletion-stays">
                  <p className="font-medium">Never touched</p>
                  <Items items={loaded.preview.stays} />
                </div>
              </>
            )}
          </div>
        )}
        {state.status === "error" && (
          <p role="alert" className="mt-3 text-red-700 dark:text-red-400">
            {state.error}
          </p>
        )}
        <form action={formAction} className="mt-4 flex flex-wrap justify-end gap-2">
          <input type="hidden" name="runId" value={runId} />
          {returnHome && <input type="hidden" name="returnHome" value="yes" />}
          <Button type="button" variant="secondary" onClick={close}>
            {loaded.status === "ready" && !loaded.preview.blocked ? "Keep it" : "Close"}
          </Button>
          {loaded.status === "ready" && !loaded.preview.blocked && (
            <button
              type="submit"
              disabled={pending}
              className="inline-flex items-center justify-center rounded-md bg-red-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-red-600 disabled:cursor-not-allowed disabled:bg-red-700/60"
            >
              {pending ? "Deleting…" : "Delete run"}
            </button>
          )}
        </form>
      </dialog>
    </>
  );
}
