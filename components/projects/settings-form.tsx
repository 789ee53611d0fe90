"use client";
// A project's settings: base branch, agent (and its options), test command, concurrency,
// stagger, timeout and budget. Each field shows its own message; what was typed stays.
import { useActionState, useEffect, useRef, useState } from "react";
import { updateProjectSettingsAction } from "@/lib/actions/project-actions";
import { IDLE } from "@/lib/actions/action-state";
import { AGENT_KINDS, type AgentKind } from "@/lib/core/agents/agent-types";
import { AgentCapabilities } from "@/components/agents/agent-capabilities";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ReviewModeOptions } from "@/components/runs/review-mode-options";
import type { TestCommandProposal } from "@/lib/core/projects/propose-test-command";

export interface SettingsValues {
  name: string;
  baseBranch: string;
  agent: string;
  customCommand: string;
  model: string;
  permissionMode: string;
  sandbox: boolean;
  extraArgs: string;
  modelPrices: string;
  testCommand: string;
  setupCommand: string;
  copyFiles: string;
  reviewMode: string;
  concurrency: number;
  staggerSeconds: number;
  timeoutSeconds: number;
  budgetUsd: string;
  resolveRounds: number;
  packageBudgetUsd: string;
  minFreeMemoryMb: string;
  maxLoadPerCore: string;
  remote: string;
  autoDeliver: string;
  webhooks: string;
}

/** What a blank admission field means on this machine. */
export interface AdmissionDefaults {
  minFreeMemoryMb: number;
  maxLoadPerCore: number;
  cores: number;
  totalMemoryMb: number;
}

export function SettingsForm({
  projectId,
  values,
  branches,
  testCommandProposal = null,
  admission,
  remotes,
}: {
  projectId: string;
  values: SettingsValues;
  branches: string[];
  admission: AdmissionDefaults;
  /** The repository's remotes, for the remote field's hint. */
  remotes: string[];
  /** What the repository suggests when no test command is set; the person confirms it. */
  testCommandProposal?: TestCommandProposal | null;
}) {
  const [state, action, pending] = useActionState(updateProjectSettingsAction, IDLE);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const formRef = useRef<HTMLFormElement>(null);
  // A refused save takes the person to the first field to fix (it may be far above the button).
  useEffect(() => {
    if (state.status === "error") formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  const typed = state.status === "error" ? state.values : {};
  // After a save the page re-renders with what is stored: a new key re-mounts every field (the
  // drop-downs too, which keep their first default otherwise) so the form shows exactly that.
  const key = state.status === "error" ? state.attempt : JSON.stringify(values);
  const value = (name: keyof SettingsValues) => typed[name] ?? String(values[name] ?? "");
  // The capabilities shown follow the agent chosen, before it is saved (until the form re-mounts).
  const [chosen, setChosen] = useState<{ key: string | number; agent: string } | null>(null);
  const agent = chosen && chosen.key === key ? chosen.agent : value("agent");
  const field = (name: keyof SettingsValues, label: string, hint?: string, extra: Record<string, unknown> = {}) => (
    <TextField
      key={`${name}-${key}`}
      name={name}
      label={label}
      hint={hint}
      error={errors[name]}
      defaultValue={value(name)}
      {...extra}
    />
  );
  return (
    <form
      ref={formRef}
      action={action}
      className="flex min-w-0 max-w-3xl flex-col gap-5 rounded-lg border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
      noValidate
    >
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {field("name", "Name")}
        {field("baseBranch", "Base branch", `Runs start from it. Branches: ${branches.slice(0, 6).join(", ")}`, {
          spellCheck: false,
        })}
      </div>
      <fieldset className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Agent</legend>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="field-agent" className="text-sm font-medium">
            Agent CLI
          </label>
          <select
            id="field-agent"
            name="agent"
            key={`agent-${key}`}
            defaultValue={value("agent")}
            onChange={(event) => setChosen({ key, agent: event.target.value })}
            aria-invalid={errors.agent ? true : undefined}
            aria-describedby={errors.agent ? "field-agent-error" : undefined}
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            {AGENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          {errors.agent && (
            <p id="field-agent-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
              {errors.agent}
            </p>
          )}
        </div>
        {field("model", "Model (optional)", "Passed as --model / -m", { spellCheck: false })}
        {(AGENT_KINDS as readonly string[]).includes(agent) && <AgentCapabilities kind={agent as AgentKind} />}
        {field(
          "customCommand",
          "Custom agent command",
          "For the custom agent (run without a shell, instructions on stdin) and the ACP agent (its command, e.g. npx @zed-industries/codex-acp)",
          { spellCheck: false, className: "sm:col-span-2" },
        )}
        <div className="flex flex-col gap-1.5">
          <label htmlFor="field-permissionMode" className="text-sm font-medium">
            Permissions
          </label>
          <select
            id="field-permissionMode"
            name="permissionMode"
            key={`pm-${key}`}
            defaultValue={value("permissionMode")}
            aria-invalid={errors.permissionMode ? true : undefined}
            aria-describedby={errors.permissionMode ? "field-permissionMode-error" : undefined}
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            <option value="bypassPermissions">
              Skip permissions (Claude Code --dangerously-skip-permissions; Codex without its sandbox; Gemini yolo; ACP:
              allow all)
            </option>
            <option value="acceptEdits">
              Accept edits only (Claude Code acceptEdits; Codex workspace-write sandbox; Gemini auto_edit; ACP: edits in
              the worktree)
            </option>
            <option value="default">
              Ask (headless, nobody answers: Claude Code denies; Codex read-only; Gemini default; ACP: refuse)
            </option>
          </select>
          {errors.permissionMode && (
            <p id="field-permissionMode-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
              {errors.permissionMode}
            </p>
          )}
        </div>
        <label className="flex items-center gap-2 self-end text-sm">
          <input
            type="checkbox"
            name="sandbox"
            key={`sb-${key}`}
            defaultChecked={typed.sandbox ? typed.sandbox === "on" : values.sandbox}
          />
          This machine is a sandbox (IS_SANDBOX=1)
        </label>
        {field("extraArgs", "Extra arguments", "Appended to the agent's command line", {
          spellCheck: false,
          className: "sm:col-span-2",
        })}
        {field(
          "modelPrices",
          "Model prices",
          "For agents that report tokens, not dollars (Codex, Gemini): MODEL INPUT CACHED OUTPUT in $ per million tokens, apart by ;. e.g. gpt-5-codex 1.25 0.125 10. OpenAI's and Google's list prices for common models are built in; a line here wins.",
          { spellCheck: false, className: "sm:col-span-2" },
        )}
      </fieldset>
      <fieldset className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Runs</legend>
        {field(
          "testCommand",
          "Test command",
          "Runs on the base once, then after each merge: only new failures undo a merge",
          { spellCheck: false, className: "sm:col-span-3" },
        )}
        {testCommandProposal && (
          <p
            className="-mt-2 flex flex-wrap items-center gap-2 text-sm sm:col-span-3"
            data-testid="test-command-proposal"
          >
            <span>
              Found <span className="font-mono">{testCommandProposal.command}</span> ({testCommandProposal.because}).
            </span>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                const input = document.getElementById("field-testCommand") as HTMLInputElement | null;
                if (input) input.value = testCommandProposal.command;
                input?.focus();
              }}
            >
              Use {testCommandProposal.command}
            </Button>
            <span className="text-zinc-600 dark:text-zinc-400">then Save settings.</span>
          </p>
        )}
        {field(
          "setupCommand",
          "Set-up command",
          "Runs in every new worktree before the agent or the tests, e.g. npm ci",
          { spellCheck: false, className: "sm:col-span-3" },
        )}
        {field(
          "copyFiles",
          "Files to copy",
          "Copied from your checkout into each worktree, never committed; comma-separated, e.g. .env, config/local.json",
          { spellCheck: false, className: "sm:col-span-3" },
        )}
        <div className="flex flex-col gap-1.5 sm:col-span-3">
          <label htmlFor="field-reviewMode" className="text-sm font-medium">
            Default review
          </label>
          <select
            id="field-reviewMode"
            name="reviewMode"
            key={`rm-${key}`}
            defaultValue={value("reviewMode")}
            className="w-fit max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            <ReviewModeOptions />
          </select>
        </div>
        {field("concurrency", "Concurrency", "1 to 10 agents at once", { inputMode: "numeric" })}
        {field("staggerSeconds", "Stagger (seconds)", "Between two starts", { inputMode: "numeric" })}
        {field("timeoutSeconds", "Timeout (seconds)", "Per package", { inputMode: "numeric" })}
        {field(
          "budgetUsd",
          "Budget per run (USD)",
          "Blank: no limit. Once a run's cost reaches it, nothing new starts and running agents stop. Claude Code reports cost as each agent finishes.",
          { inputMode: "decimal", className: "sm:col-span-2" },
        )}
        {field(
          "resolveRounds",
          "Conflict rounds",
          "Agent rounds on a merge conflict git cannot settle, before a person is asked (0 to 5; 0: ask at once)",
          { inputMode: "numeric" },
        )}
      </fieldset>
      <fieldset className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Spend and machine load</legend>
        {field(
          "packageBudgetUsd",
          "Cap per package (USD)",
          "Blank: no cap. A package whose attempts reach it stops before its next agent step; the others go on (finished work still merges).",
          { inputMode: "decimal" },
        )}
        {field(
          "minFreeMemoryMb",
          "Free memory to start an agent (MB)",
          `Blank: ${admission.minFreeMemoryMb} MB on this machine (${Math.round(admission.totalMemoryMb / 1024)} GiB). A new agent starts only while this stays free with 1 GB more for it; one always runs.`,
          { inputMode: "numeric" },
        )}
        {field(
          "maxLoadPerCore",
          "Load per core to start an agent",
          `Blank: ${admission.maxLoadPerCore} (1-minute load average per core; this machine has ${admission.cores} cores).`,
          { inputMode: "decimal" },
        )}
      </fieldset>
      <fieldset className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Delivery and notifications</legend>
        {field(
          "remote",
          "Remote",
          `Where Push sends the feature branch: a remote's name or a URL (blank: origin). Set, it is also how runner hosts get and return the code.${remotes.length > 0 ? ` This repository has ${remotes.join(", ")}.` : " This repository has no remote yet."}`,
          { spellCheck: false },
        )}
        <div className="flex flex-col gap-1.5">
          <label htmlFor="field-autoDeliver" className="text-sm font-medium">
            When a run completes
          </label>
          <select
            id="field-autoDeliver"
            name="autoDeliver"
            key={`ad-${key}`}
            defaultValue={value("autoDeliver")}
            aria-invalid={errors.autoDeliver ? true : undefined}
            aria-describedby={errors.autoDeliver ? "field-autoDeliver-error" : undefined}
            className="w-fit max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            <option value="off">Do nothing (deliver by hand)</option>
            <option value="push">Push the feature branch</option>
            <option value="pr">Push and open a pull request</option>
          </select>
          {errors.autoDeliver && (
            <p id="field-autoDeliver-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
              {errors.autoDeliver}
            </p>
          )}
        </div>
        {field(
          "webhooks",
          "Webhooks",
          "Comma-separated URLs that get a JSON POST when a run completes, needs a person, or a package fails. A Slack or Mattermost incoming webhook shows its text as is.",
          { spellCheck: false, className: "sm:col-span-2" },
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
        <p aria-live="polite" className="text-sm">
          {state.status === "ok" && <span className="text-emerald-700 dark:text-emerald-400">{state.message}</span>}
          {state.status === "error" && Object.keys(errors).length === 0 && (
            <span role="alert" className="text-red-700 dark:text-red-400">
              {state.error}
            </span>
          )}
          {state.status === "error" && Object.keys(errors).length > 0 && (
            <span role="alert" className="text-red-700 dark:text-red-400" data-testid="settings-not-saved">
              Not saved:{" "}
              {Object.keys(errors).length === 1 ? "one field needs" : `${Object.keys(errors).length} fields need`} a
              change (marked in red).
            </span>
          )}
        </p>
      </div>
    </form>
  );
}
