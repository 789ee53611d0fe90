// What a form server action returns to its form. Safe to import from client components.

export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message: string; redirectTo?: string }
  | {
      status: "error";
      error: string;
      fieldErrors: Record<string, string>;
      /** What was submitted, so the form can show it again (React resets forms after an action). */
      values: Record<string, string | undefined>;
      /** Changes on every failed submit, to re-mount fields with the submitted values. */
      attempt: number;
      /** More to show, e.g. a planner's problems and its raw answer. */
      details?: { problems?: string[]; rawAnswer?: string };
    };

export const IDLE: ActionState = { status: "idle" };
