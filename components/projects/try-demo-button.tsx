"use client";
import { tryDemoAction } from "@/lib/actions/project-actions";
import { ActionForm } from "@/components/ui/action-form";

/** Makes a sample repository and project, then opens its new-run form. */
export function TryDemoButton() {
  return (
    <ActionForm
      action={tryDemoAction}
      fields={{}}
      label="Try the demo"
      pendingLabel="Creating a sample repository…"
      variant="primary"
    />
  );
}
