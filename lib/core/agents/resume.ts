// A retry that continues the agent's earlier session: which session it can continue, and the
// prompt it gets (why it stopped, and what to do).

/** The session a retry can continue: the last attempt's, when it did the work and the agent can resume. */
export function resumableSession(
  canResume: boolean,
  lastAttempt: { role: string; sessionId: string | null } | null,
): string | null {
  if (!canResume || !lastAttempt || (lastAttempt.role !== "implement" && lastAttempt.role !== "fix")) return null;
  return lastAttempt.sessionId || null;
}

export function renderResumePrompt(wpId: string, reason: string, instructionsPath: string): string {
  return [
    `Your previous attempt at work package ${wpId} stopped before it was done: ${reason}`,
    "",
    "Continue from where you stopped, in the same working directory (it holds what you left). Finish the work package as its instructions say",
    `(they are in ${instructionsPath}): create every expected output, stay inside the package's scope, and commit nothing outside it.`,
  ].join("\n");
}
