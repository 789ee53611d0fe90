// What Flotilla can do with each agent, in words for the settings and the monitor: read from the
// adapter's capabilities, with how each one works for that agent.
import { AGENTS } from "./agent-registry";
import type { AgentKind } from "./agent-types";

export interface CapabilityNote {
  label: string;
  supported: boolean;
  /** How it works for this agent, or what is shown instead. */
  note: string;
}

const COST_NOTE: Partial<Record<AgentKind, string>> = {
  claude: "reported by Claude Code as each agent finishes",
  codex: "its tokens at the model's price (set the model; Model prices below)",
  gemini: "its tokens at each model's price (Model prices below)",
  custom: "from the FLOTILLA_USAGE lines it prints",
  acp: "when the agent reports its cost in dollars (an ACP usage update)",
};

export function capabilityNotes(kind: AgentKind): CapabilityNote[] {
  const adapter = AGENTS[kind];
  const caps = adapter.capabilities;
  return [
    {
      label: "Activity feed",
      supported: caps.activity,
      note: caps.activity ? "tool calls, commands, file changes and messages" : "its plain log only",
    },
    {
      label: "Cost",
      supported: caps.cost,
      note: caps.cost ? (COST_NOTE[kind] ?? "reported by the agent") : "not reported: budgets cannot stop it",
    },
    {
      label: "Resume on retry",
      supported: caps.resume,
      note: caps.resume ? "a retry can continue the failed attempt's session" : "a retry starts afresh",
    },
    {
      label: "Reviewers",
      supported: adapter.defaultReview !== "off",
      note:
        adapter.defaultReview !== "off"
          ? "reviews its own work in the auto review mode"
          : "no reviewer in the auto review mode (choose one to use it)",
    },
    {
      label: "Plans a task",
      supported: caps.plans,
      note: caps.plans ? "can write the work breakdown" : "the offline planner writes it",
    },
  ];
}

/** One line: "activity feed, cost, resume on retry, reviewers, plans a task" (what it can do). */
export function capabilitySummary(kind: AgentKind): string {
  const notes = capabilityNotes(kind);
  const yes = notes.filter((n) => n.supported).map((n) => n.label.toLowerCase());
  const no = notes.filter((n) => !n.supported).map((n) => n.label.toLowerCase());
  return [yes.length > 0 ? yes.join(", ") : "its plain log", no.length > 0 ? `not: ${no.join(", ")}` : ""]
    .filter(Boolean)
    .join("; ");
}
