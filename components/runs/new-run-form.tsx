"use client";
// New run: the three questions the workflow asks first (task, count, dependencies), the agent,
// and "Decompose". Planner errors, its problems and raw answer show beside the form. The choices
// are kept for the tab's session, so browser Back and reload bring them back.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { decomposeTaskAction } from "@/lib/actions/decompose-task";
import { IDLE } from "@/lib/actions/action-state";
import { applyFormDraft, readFormDraft, saveFormDraft } from "@/lib/client/form-draft";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { ReviewModeOptions } from "@/components/runs/review-mode-options";

export interface AgentOption {
  kind: string;
  label: string;
  available: boolean;
  note: string;
}

const radio = "peer sr-only";
const pill =
  "cursor-pointer rounded-md border border-zinc-300 px-3 py-1.5 text-sm peer-checked:border-indigo-600 peer-checked:bg-indigo-50 peer-checked:text-indigo-800 peer-focus-visible:outline-2 peer-focus-visible:outline-indigo-500 dark:border-zinc-700 dark:peer-checked:bg-indigo-950 dark:peer-checked:text-indigo-200";

export function NewRunForm({
  projectId,
  agents,
  defaultAgent,
  initialTask,
  defaultBudget = "",
  defaultReview = "auto",
}: {
  projectId: string;
  agents: AgentOption[];
  defaultAgent: string;
  initialTask: string;
  defaultBudget?: string;
  /** The project's default review mode (its settings' "Default review"). */
  defaultReview?: string;
}) {
  const [state, formAction, pending] = useActionState(decomposeTaskAction, IDLE);
  const router = useRouter();
  const values = state.status === "error" ? state.values : {};
  const errors = state.status === "error" ? state.fieldErrors : {};
  const formRef = useRef<HTMLFormElement>(null);
  const draftKey = `flotilla:new-run:${projectId}`;

  useEffect(() => {
    if (state.status === "ok" && state.redirectTo) router.push(state.redirectTo);
  }, [state, router]);
  // Back or reload: the choices of this tab's last visit (a task given in the link wins).
  useEffect(() => {
    const draft = readFormDraft(draftKey);
    if (!draft || !formRef.current) return;
    if (initialTask) delete draft.task;
    applyFormDraft(formRef.current, draft);
  }, [draftKey, initialTask]);

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      {/* React resets a form after its action; after an error the form is drawn again (a new key)
          from what was sent, so no choice is lost. */}
      <form
        key={state.status === "error" ? state.attempt : "fresh"}
        ref={formRef}
        action={formAction}
        onChange={(e) => saveFormDraft(draftKey, e.currentTarget)}
        className="flex min-w-0 flex-col gap-6 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
        noValidate
      >
        <input type="hidden" name="projectId" value={projectId} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="task" className="text-sm font-medium">
            Compound task
          </label>
          <textarea
            id="task"
            name="task"
            rows={5}
            maxLength={20000}
            defaultValue={values.task ?? initialTask}
            aria-invalid={errors.task ? true : undefined}
            aria-describedby={errors.task ? "task-error" : "task-hint"}
            placeholder="build a full authentication system with OAuth, RBAC, and audit logging"
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          {errors.task ? (
            <p id="task-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
              {errors.task}
            </p>
          ) : (
            <p id="task-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
              One task that several agents can share. Lists, commas and &ldquo;with&rdquo; help the planner split it.
            </p>
          )}
        </div>

        {/* The custom count shows while "Custom" is checked (CSS only: a restored draft needs no re-render). */}
        <fieldset className="group/count flex min-w-0 flex-col gap-2">
          <legend className="text-sm font-medium">Number of work packages</legend>
          <div className="flex flex-wrap items-center gap-2">
            {[
              ["3", "3 (recommended)"],
              ["4", "4"],
              ["5", "5"],
              ["custom", "Custom"],
            ].map(([value, text]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="countChoice"
                  value={value}
                  defaultChecked={(values.countChoice ?? "3") === value}
                  className={radio}
                />
                <span className={pill}>{text}</span>
              </label>
            ))}
            <label className="hidden items-center gap-2 text-sm group-has-[input[value=custom]:checked]/count:flex">
              <span className="sr-only">Custom number of work packages</span>
              <input
                type="number"
                name="customCount"
                min={1}
                max={10}
                defaultValue={values.customCount ?? "6"}
                aria-invalid={errors.customCount ? true : undefined}
                className="w-20 rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950"
              />
              <span className="text-zinc-500 dark:text-zinc-400">up to 10</span>
            </label>
          </div>
          {errors.customCount && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {errors.customCount}
            </p>
          )}
        </fieldset>

        <fieldset className="flex min-w-0 flex-col gap-2">
          <legend className="text-sm font-medium">How do the packages depend on each other?</legend>
          <div className="flex flex-wrap gap-2">
            {[
              ["independent", "Fully independent (recommended)"],
              ["some", "Some dependencies"],
              ["sequential", "Sequential"],
            ].map(([value, text]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="deps"
                  value={value}
                  defaultChecked={(values.deps ?? "independent") === value}
                  className={radio}
                />
                <span className={pill}>{text}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="flex flex-col gap-1.5">
          <label htmlFor="agent" className="text-sm font-medium">
            Agent
          </label>
          <select
            id="agent"
            name="agent"
            defaultValue={values.agent ?? defaultAgent}
            className="w-fit max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            {agents.map((a) => (
              <option key={a.kind} value={a.kind} disabled={!a.available}>
                {a.label}
                {a.note ? ` — ${a.note}` : ""}
              </option>
            ))}
          </select>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            The agent runs every package and plans the task. The demo agent works offline; with it, the offline planner
            splits the task.
          </p>
        </div>

        <div className="flex flex-wrap items-end gap-4">
          <div className="flex min-w-0 max-w-full flex-col gap-1.5">
            <label htmlFor="reviewMode" className="text-sm font-medium">
              Review
            </label>
            <select
              id="reviewMode"
              name="reviewMode"
              defaultValue={values.reviewMode ?? defaultReview}
              className="w-fit max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            >
              <ReviewModeOptions />
            </select>
          </div>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="humanGate" defaultChecked={values.humanGate === "on"} />
            Also ask a person after the reviewers
          </label>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="budgetUsd" className="text-sm font-medium">
              Budget (USD)
            </label>
            <input
              id="budgetUsd"
              name="budgetUsd"
              inputMode="decimal"
              placeholder="no limit"
              defaultValue={values.budgetUsd ?? defaultBudget}
              aria-invalid={errors.budgetUsd ? true : undefined}
              aria-describedby={errors.budgetUsd ? "budget-error" : "budget-hint"}
              className="w-32 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
          </div>
        </div>
        {errors.budgetUsd ? (
          <p id="budget-error" role="alert" className="-mt-4 text-sm text-red-700 dark:text-red-400">
            {errors.budgetUsd}
          </p>
        ) : (
          <p id="budget-hint" className="-mt-4 text-xs text-zinc-500 dark:text-zinc-400">
            Once the run has spent this much, nothing new starts and running agents are stopped. Blank: no limit.
          </p>
        )}

        <div className="flex flex-col gap-1.5">
          <label htmlFor="planner" className="text-sm font-medium">
            Planner
          </label>
          <select
            id="planner"
            name="planner"
            defaultValue={values.planner ?? "auto"}
            className="w-fit max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            <option value="auto">Automatic: the agent if it can plan, else offline</option>
            <option value="agent">The agent</option>
            <option value="offline">Offline (splits the task itself, instantly)</option>
          </select>
        </div>

        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Decomposing…" : "Decompose"}
          </Button>
          {pending && (
            <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
              Planning the work packages… an agent planner can take a minute.
            </span>
          )}
        </div>
      </form>

      <aside aria-live="polite" className="flex flex-col gap-3">
        {state.status === "error" && (
          <Alert tone="error" title="The task could not be decomposed">
            <p className="whitespace-pre-line">{state.error}</p>
            {state.details?.rawAnswer && (
              <details className="mt-2">
                <summary className="cursor-pointer">The planner&apos;s answer</summary>
                <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-white/60 p-2 text-xs dark:bg-black/30">
                  {state.details.rawAnswer}
                </pre>
              </details>
            )}
          </Alert>
        )}
        <Alert title="What happens next">
          Flotilla proposes a plan: packages with explicit files, scopes and dependencies. You edit it, then launch it;
          nothing runs before that.
        </Alert>
      </aside>
    </div>
  );
}
