// The words shown with a plan the offline planner made: that it is a heuristic split of the task's
// wording (no AI model read the task or the code), why it stood in, and how to get an agent's plan.

/** Why the offline planner made the plan. */
export type OfflineReason =
  | { code: "chosen" }
  | { code: "agent_cannot_plan"; agent?: string }
  | { code: "agent_unavailable"; detail: string }
  | { code: "agent_failed"; detail: string };

const WHAT =
  "a heuristic split of the task's wording (no AI model read the task or the code), " +
  "with files placed by the repository's layout: check the packages before you launch.";
const HOW =
  'For an agent\'s plan, choose an agent CLI (Claude Code, Codex, Gemini or a custom command) as the Agent and "The agent" as the Planner in the New run form, ' +
  "or run `flotilla plan --planner agent --agent claude`; a custom command is asked with FLOTILLA_ROLE=plan and must print the plan as wbs.json (see the README).";

export function offlineNotice(reason: OfflineReason): string {
  switch (reason.code) {
    case "chosen":
      return `The offline planner made this plan: ${WHAT} ${HOW}`;
    case "agent_cannot_plan":
      return `${reason.agent ? `The project's agent (${reason.agent}) does not plan tasks` : "No agent CLI is configured for this project"}, so the offline planner made this plan instead: ${WHAT} ${HOW}`;
    case "agent_unavailable":
    case "agent_failed":
      return `${reason.detail.trim().replace(/[.\s]+$/, "")}. The offline planner made this plan instead: ${WHAT} ${HOW}`;
  }
}
