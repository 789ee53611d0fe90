// What Flotilla can do with the chosen agent (activity, cost, resume, reviewers, planning).
import { capabilityNotes } from "@/lib/core/agents/agent-capabilities";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentKind } from "@/lib/core/agents/agent-types";

export function AgentCapabilities({ kind }: { kind: AgentKind }) {
  return (
    <div
      className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-xs sm:col-span-2 dark:border-zinc-800 dark:bg-zinc-950"
      data-testid="agent-capabilities"
      aria-live="polite"
    >
      <p className="font-medium text-zinc-700 dark:text-zinc-300">What Flotilla can do with {AGENTS[kind].label}</p>
      <ul className="mt-1 grid gap-x-4 gap-y-0.5 sm:grid-cols-2">
        {capabilityNotes(kind).map((note) => (
          <li key={note.label} className="flex gap-1.5">
            <span aria-hidden className={note.supported ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-400"}>
              {note.supported ? "✓" : "–"}
            </span>
            <span>
              <span className="font-medium">{note.label}</span>
              <span className="sr-only">{note.supported ? " (available)" : " (not available)"}</span>
              <span className="text-zinc-600 dark:text-zinc-400">: {note.note}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
