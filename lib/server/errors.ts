// One error type for user mistakes, mapped in one place. A UserError's message is shown as is;
// anything else is logged and replaced by a generic message (no internals leak to the page).

export type UserErrorKind = "validation" | "not_found" | "conflict";

export class UserError extends Error {
  constructor(
    message: string,
    readonly kind: UserErrorKind = "validation",
    /** Messages per form field, e.g. { path: "Nothing exists at /x" }. */
    readonly fieldErrors: Record<string, string> = {},
    /** More for the user to see, e.g. a planner's problems and raw answer. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "UserError";
  }
}

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on the server; the details are in its log.";

const STATUS: Record<UserErrorKind, number> = { validation: 422, not_found: 404, conflict: 409 };

/** HTTP status and body for any thrown value. */
export function toHttpError(err: unknown): {
  status: number;
  body: { error: string; fieldErrors?: Record<string, string>; [detail: string]: unknown };
} {
  if (err instanceof UserError) {
    const fieldErrors = Object.keys(err.fieldErrors).length > 0 ? err.fieldErrors : undefined;
    return { status: STATUS[err.kind], body: { ...err.details, error: err.message, fieldErrors } };
  }
  console.error("[flotilla] unexpected error:", err);
  return { status: 500, body: { error: INTERNAL_ERROR_MESSAGE } };
}
