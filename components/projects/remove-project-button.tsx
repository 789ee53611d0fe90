"use client";
import { useActionState } from "react";
import { removeProjectAction } from "@/lib/actions/remove-project";
import { IDLE } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";

/** Forgets a project after a confirmation; the repository on disk is never touched. */
export function RemoveProjectButton({ projectId, name }: { projectId: string; name: string }) {
  const [state, formAction, pending] = useActionState(removeProjectAction, IDLE);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Remove "${name}" and its runs from Flotilla? The repository itself is not touched.`))
          event.preventDefault();
      }}
      className="flex flex-col items-end gap-1"
    >
      <input type="hidden" name="projectId" value={projectId} />
      <Button type="submit" variant="danger" disabled={pending} aria-label={`Remove ${name}`}>
        {pending ? "Removing…" : "Remove"}
      </Button>
      {state.status === "error" && (
        <p role="alert" className="max-w-xs text-right text-xs text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
    </form>
  );
}
