// One interface for every agent CLI: build the command line for a role, name the program to
// look for on PATH, and (optionally) turn output lines into progress events.
import type { UsageLine } from "./live-usage";
import { z } from "zod";
import type { AgentEvent, AgentSummary } from "./agent-output";
import { modelPriceSchema } from "./model-prices";

export const AGENT_KINDS = ["demo", "claude", "codex", "gemini", "acp", "custom"] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

export const AGENT_ROLES = ["implement", "spec-review", "quality-review", "fix", "resolve", "plan"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const agentSettingsSchema = z.object({
  /** Model name passed to the CLI (claude --model, codex -m, gemini -m). */
  model: z.string().trim().max(100).optional(),
  /** Claude Code permissions: skip them (default), accept edits only, or ask (headless: denies). */
  permissionMode: z.enum(["bypassPermissions", "acceptEdits", "default"]).default("bypassPermissions"),
  /** Tools pre-approved with --allowedTools (acceptEdits mode). */
  allowedTools: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** Extra arguments appended to the agent's command line (split without a shell). */
  extraArgs: z.string().max(2000).default(""),
  /** The custom agent's command line (split without a shell). */
  customCommand: z.string().max(2000).default(""),
  /** Pass IS_SANDBOX=1, which lets Claude Code skip permissions as root. */
  sandbox: z.boolean().default(false),
  /** The project's own model prices (Codex reports tokens, not dollars); built-in ones otherwise. */
  modelPrices: z.array(modelPriceSchema).max(50).default([]),
});
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

/** Everything an adapter needs to build one invocation. */
export interface AgentInvocation {
  role: AgentRole;
  settings: AgentSettings;
  runId: string;
  wpId: string;
  /** Absolute path of the instructions file; its content also goes to stdin. */
  instructionsPath: string;
  /** Where Flotilla's own programs live (the demo agent), and the node binary to run them with. */
  runtime: { nodePath: string; demoAgentPath: string; acpClientPath: string };
  /** Continue this earlier session (its failure reason is the prompt) instead of starting anew. */
  resumeSessionId?: string;
  /** What is left of the run's budget: agents that can stop themselves at a spending limit do. */
  maxBudgetUsd?: number;
  /** A resolve round: the files git left with conflict markers. */
  conflictFiles?: readonly string[];
}

export type AgentCommand =
  { ok: true; command: string; args: string[]; env: Record<string, string> } | { ok: false; message: string };

/** What a preflight check may look at: who Flotilla runs as and the environment agents inherit. */
export interface HostFacts {
  uid: number | null;
  env: Readonly<Record<string, string | undefined>>;
}

/** A check before launch: refused with a message saying what to change, or fine (with a note). */
export type AgentPreflight = { ok: true; note: string | null } | { ok: false; message: string };

export interface AgentCapabilities {
  /** Built into Flotilla: no program to install. */
  builtIn: boolean;
  /** It can answer the planner's prompt with a WBS. */
  plans: boolean;
  /** Its output is structured: tool calls, messages and retries form an activity feed. */
  activity: boolean;
  /** It reports what each attempt cost (dollars and tokens). */
  cost: boolean;
  /** It can continue an earlier session (a retry may resume it). */
  resume: boolean;
}

export interface AgentAdapter {
  kind: AgentKind;
  label: string;
  /**
   * The review a project's "auto" review mode means for this agent: a known agent CLI reviews
   * its own work; the demo agent and a custom command (which may know no reviewer role) do not.
   */
  defaultReview: "off" | "spec+quality";
  /** Checks only this agent's own rules need (Claude Code's root refusal). */
  preflight?(settings: AgentSettings, host: HostFacts): AgentPreflight;
  /** The program to find on PATH; null when built in. */
  program(settings: AgentSettings): string | null;
  /** Arguments that print the program's version. */
  versionArgs: string[];
  /** What Flotilla can do with this agent; the settings and the monitor show it. */
  capabilities: AgentCapabilities;
  /** Words for a failure the agent's own log shows (Claude Code's root refusal), if any. */
  explainFailure?(logTail: string): string | null;
  buildCommand(invocation: AgentInvocation): AgentCommand;
  /** Progress events in one line of the agent's output. */
  parseLine(line: string): AgentEvent[];
  /**
   * Its usage is the session's running total, earlier attempts of a resumed session included
   * (Codex): an attempt records only its own share (session-usage.ts).
   */
  usageIsSessionTotal?: boolean;
  /** Spend in one line of its output while it runs (tokens, or its own totals); absent: none. */
  usageOfLine?(line: string): UsageLine | null;
  /** The outcome read from the start and end of its output (output.md); prices come from the settings. */
  summarize(head: string, tail: string, settings?: AgentSettings): AgentSummary;
  /** The agent's whole final answer (the planner reads a WBS from it). */
  finalText(stdout: string): string;
}

/** Variables every agent process gets, so wrappers and custom agents know where they are. */
export function flotillaEnv(invocation: AgentInvocation): Record<string, string> {
  return {
    FLOTILLA_RUN_ID: invocation.runId,
    FLOTILLA_WP_ID: invocation.wpId,
    FLOTILLA_ROLE: invocation.role,
    FLOTILLA_INSTRUCTIONS: invocation.instructionsPath,
    // A resolve round names the conflicted files (a JSON array of repository paths).
    ...(invocation.conflictFiles ? { FLOTILLA_CONFLICT_FILES: JSON.stringify(invocation.conflictFiles) } : {}),
  };
}
