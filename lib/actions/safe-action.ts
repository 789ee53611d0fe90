// One way to write a form server action: validate FormData with zod, run the handler, and turn
// every failure into a state the form can show. User mistakes keep their message; crashes are
// logged and shown as a generic message.
import { z } from "zod";
import { INTERNAL_ERROR_MESSAGE, UserError } from "@/lib/server/errors";

import type { ActionState } from "./action-state";

/** Plain string fields of a form; files are ignored. Blank optional fields become undefined. */
function formFields(formData: FormData): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value === "string") fields[key] = value === "" ? undefined : value;
  }
  return fields;
}

/** Maps zod issues to one message per top-level field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}

export type ActionOutcome = string | { message: string; redirectTo?: string };

export function formAction<S extends z.ZodType>(schema: S, handler: (input: z.infer<S>) => Promise<ActionOutcome>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formFields(formData);
    const failed = (
      error: string,
      fieldErrors: Record<string, string>,
      details?: Record<string, unknown>,
    ): ActionState => ({
      status: "error",
      error,
      fieldErrors,
      values,
      attempt: Date.now(),
      ...(details && Object.keys(details).length > 0 ? { details } : {}),
    });
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      return failed(Object.values(fieldErrors)[0] ?? "Check the form", fieldErrors);
    }
    try {
      const outcome = await handler(parsed.data);
      return typeof outcome === "string" ? { status: "ok", message: outcome } : { status: "ok", ...outcome };
    } catch (err) {
      if (err instanceof UserError) return failed(err.message, err.fieldErrors, err.details);
      console.error("[flotilla] action failed:", err);
      return failed(INTERNAL_ERROR_MESSAGE, {});
    }
  };
}
