"use client";
// A button that runs a server action with hidden inputs, shows progress, then its result.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, type ReactNode } from "react";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { Button } from "./button";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function ActionForm({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
  onDone,
  className = "",
  children,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
  /** Called with the action's message once it succeeded (the form may go away: show it there). */
  onDone?: (message: string) => void;
  className?: string;
  children?: ReactNode;
}) {
  const [state, run, pending] = useActionState(action, IDLE);
  const router = useRouter();
  useEffect(() => {
    if (state.status !== "ok") return;
    onDone?.(state.message);
    if (state.redirectTo) router.push(state.redirectTo);
  }, [state, onDone, router]);
  return (
    <form
      action={run}
      className={`flex flex-col gap-1 ${/\bitems-/.test(className) ? "" : "items-start"} ${className}`}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </Button>
      <p aria-live="polite" className="text-xs">
        {state.status === "error" && (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {state.error}
          </span>
        )}
        {state.status === "ok" && !state.redirectTo && (
          <span className="text-emerald-700 dark:text-emerald-400">{state.message}</span>
        )}
      </p>
    </form>
  );
}
