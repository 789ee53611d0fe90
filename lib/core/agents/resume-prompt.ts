// The prompt of a retry that continues the agent's earlier session: why it stopped, and what to do.

export function renderResumePrompt(wpId: string, reason: string, instructionsPath: string): string {
  return [
    `Your previous attempt at work package ${wpId} stopped before it was done: ${reason}`,
    "",
    "Continue from where you stopped, in the same working directory (it holds what you left). Finish the work package as its instructions say",
    `(they are in ${instructionsPath}): create every expected output, stay inside the package's scope, and commit nothing outside it.`,
  ].join("\n");
}
