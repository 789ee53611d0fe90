"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { signInAction } from "@/lib/actions/sign-in";
import { IDLE } from "@/lib/actions/action-state";
import { Button } from "./button";
import { TextField } from "./text-field";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, IDLE);
  const router = useRouter();
  useEffect(() => {
    if (state.status === "ok" && state.redirectTo) {
      router.replace(state.redirectTo);
      router.refresh();
    }
  }, [state, router]);
  return (
    <form action={action} className="mt-4 flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      <TextField
        name="token"
        label="Access token"
        type="password"
        autoComplete="current-password"
        error={state.status === "error" ? state.error : undefined}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Sign in"}
      </Button>
    </form>
  );
}
