"use client";
// Registers a git repository as a project. Errors from the server appear beside the field they
// concern; what was typed stays in the form so nothing has to be retyped.
import { useActionState, useEffect, useRef } from "react";
import { registerProjectAction } from "@/lib/actions/register-project";
import { IDLE } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export function RegisterProjectForm() {
  const [state, formAction, pending] = useActionState(registerProjectAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};
  const formError = state.status === "error" && Object.keys(fieldErrors).length === 0 ? state.error : null;

  useEffect(() => {
    if (state.status === "ok") formRef.current?.reset();
  }, [state]);

  return (
    <form
      ref={formRef}
      action={formAction}
      className="flex flex-col gap-4"
      aria-labelledby="register-heading"
      noValidate
    >
      <h2 id="register-heading" className="text-base font-semibold">
        Register a repository
      </h2>
      <TextField
        name="path"
        label="Repository path"
        placeholder="/home/me/my-app"
        hint="The folder of a git checkout on this machine, with at least one commit."
        error={fieldErrors.path}
        autoComplete="off"
        spellCheck={false}
        required
        // Keep what was typed after a failed attempt (React resets uncontrolled forms on submit).
        defaultValue={state.status === "error" ? state.values.path : undefined}
        key={`path-${state.status === "error" ? state.attempt : "fresh"}`}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          name="name"
          label="Name (optional)"
          placeholder="folder name"
          error={fieldErrors.name}
          defaultValue={state.status === "error" ? state.values.name : undefined}
          key={`name-${state.status === "error" ? state.attempt : "fresh"}`}
        />
        <TextField
          name="baseBranch"
          label="Base branch (optional)"
          placeholder="checked-out branch"
          error={fieldErrors.baseBranch}
          spellCheck={false}
          defaultValue={state.status === "error" ? state.values.baseBranch : undefined}
          key={`branch-${state.status === "error" ? state.attempt : "fresh"}`}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Register project"}
        </Button>
        <p aria-live="polite" className="text-sm">
          {state.status === "ok" && <span className="text-emerald-700 dark:text-emerald-400">{state.message}</span>}
          {formError && (
            <span role="alert" className="text-red-700 dark:text-red-400">
              {formError}
            </span>
          )}
        </p>
      </div>
    </form>
  );
}
