// Decomposes a compound task into a WBS for a repository: the agent planner when an agent CLI is
// configured and installed (with one repair round), the offline planner otherwise, saying so.
// Nothing is saved here: the caller decides what to do with the plan.
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { agentSettingsSchema, type AgentKind, type AgentSettings } from "@/lib/core/agents/agent-types";
import { extractWbs } from "@/lib/core/plan/extract-wbs";
import { compactFileTree } from "@/lib/core/plan/file-tree";
import { offlineNotice, type OfflineReason } from "@/lib/core/plan/offline-notice";
import { planOffline } from "@/lib/core/plan/offline-planner";
import type { PlanRequest } from "@/lib/core/plan/plan-request";
import { renderPlanningPrompt, renderRepairPrompt, type PlanningContext } from "@/lib/core/plan/planning-prompt";
import { detectConventions } from "@/lib/core/plan/repo-conventions";
import { sharedFileWarnings } from "./shared-files";
import { validateWbs } from "@/lib/core/wbs/validate-wbs";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { checkAgent } from "@/lib/node/agents/agent-availability";
import { agentRuntime } from "@/lib/node/flotilla-home";
import { inspectRepository } from "@/lib/node/git/inspect-repository";
import { contextDocuments, trackedFiles } from "@/lib/node/plan/repository-context";
import { runAgentOnce } from "@/lib/node/plan/run-agent-once";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";

export type PlannerChoice = "auto" | "agent" | "offline";

export interface PlanTaskInput {
  projectId?: string;
  repo?: string;
  request: PlanRequest;
  planner: PlannerChoice;
  /** Overrides the project's agent for planning. */
  agent?: AgentKind;
  agentSettings?: AgentSettings;
}

export interface PlanResult {
  wbs: WorkBreakdown;
  planner: "agent" | "offline";
  /** Says plainly that the offline planner made the plan, why, and how to get an agent's plan. */
  notice: string | null;
  warnings: string[];
}

async function resolveTarget(db: Database, input: PlanTaskInput) {
  if (input.projectId) {
    const project = await db.project.findUnique({ where: { id: input.projectId } });
    if (!project) throw new UserError("That project does not exist", "not_found");
    return { repo: project.repoPath, baseRef: project.baseBranch, project };
  }
  if (!input.repo) throw new UserError("Name the project (projectId) or the repository (repo) to plan for");
  const inspected = await inspectRepository(input.repo);
  if (!inspected.ok) throw new UserError(inspected.message, "validation", { repo: inspected.message });
  const project = await db.project.findUnique({ where: { repoPath: inspected.topLevel } });
  return { repo: inspected.topLevel, baseRef: project?.baseBranch ?? inspected.headCommit, project };
}

function problemsOf(wbs: WorkBreakdown): string[] {
  const validation = validateWbs(wbs);
  return validation.errors.map((e) => e.message);
}

export async function planTask(db: Database, dataDir: string, input: PlanTaskInput): Promise<PlanResult> {
  const target = await resolveTarget(db, input);
  const files = await trackedFiles(target.repo);
  const conventions = detectConventions(files);
  const created = new Date().toISOString();
  const offline = async (reason: OfflineReason): Promise<PlanResult> => {
    const wbs = planOffline({ request: input.request, conventions, created });
    const notice = offlineNotice(reason);
    const shared = (await sharedFileWarnings(target.repo, target.baseRef, wbs, files)).map((w) => w.message);
    return {
      wbs,
      planner: "offline",
      notice,
      warnings: [...validateWbs(wbs).warnings.map((w) => w.message), ...shared],
    };
  };
  if (input.planner === "offline") return offline({ code: "chosen" });

  const kind: AgentKind = input.agent ?? (target.project?.agent as AgentKind | undefined) ?? "demo";
  const settings = input.agentSettings ?? agentSettingsSchema.parse(JSON.parse(target.project?.agentSettings ?? "{}"));
  if (!AGENTS[kind].capabilities.plans) {
    if (input.planner === "agent")
      throw new UserError(
        `The ${kind} agent cannot plan: choose an agent CLI (claude, codex, gemini or a custom command), or the offline planner`,
      );
    return offline({ code: "agent_cannot_plan", agent: AGENTS[kind].label });
  }
  const availability = await checkAgent(kind, settings);
  if (!availability.available) {
    if (input.planner === "agent") throw new UserError(availability.message);
    return offline({ code: "agent_unavailable", detail: availability.message });
  }

  const runs = target.project
    ? await db.run.findMany({
        where: { projectId: target.project.id },
        orderBy: { createdAt: "desc" },
        take: 5,
        include: { workPackages: { select: { wpId: true, name: true, status: true } } },
      })
    : [];
  const context: PlanningContext = {
    fileTree: compactFileTree(files),
    documents: await contextDocuments(target.repo, files),
    earlierRuns: runs.map((r) => ({
      task: r.task,
      status: r.status,
      packages: r.workPackages.map((p) => `${p.wpId} ${p.name} (${p.status})`),
    })),
    conventions,
  };
  const adapter = AGENTS[kind];
  const ask = async (prompt: string) => {
    const result = await runAgentOnce({
      kind,
      repo: target.repo,
      baseRef: target.baseRef,
      workRoot: path.join(dataDir, "plans"),
      prompt,
      timeoutMs: (target.project?.timeoutSeconds ?? 600) * 1000,
      command: (promptPath) =>
        adapter.buildCommand({
          role: "plan",
          settings,
          runId: "plan",
          wpId: "plan",
          instructionsPath: promptPath,
          runtime: agentRuntime(),
        }),
    });
    if (!result.ok) {
      const why = result.timedOut ? "timed out" : `exited with code ${result.exitCode ?? "none"}`;
      throw new UserError(
        maskText(
          `The ${adapter.label} planner ${why}: ${(result.stderr || result.stdout).trim().slice(-1500) || "no output"}`,
        ),
      );
    }
    return adapter.finalText(result.stdout);
  };
  const attempt = (answer: string): { wbs: WorkBreakdown | null; problems: string[] } => {
    const extracted = extractWbs(answer);
    if (!extracted.ok) return { wbs: null, problems: extracted.errors };
    const wbs = { ...extracted.wbs, task: input.request.task.trim(), created };
    return { wbs, problems: problemsOf(wbs) };
  };

  const prompt = renderPlanningPrompt(input.request, context);
  let firstAnswer: string;
  try {
    firstAnswer = await ask(prompt);
  } catch (err) {
    // Automatic planning falls back to the offline planner and says why; "The agent" does not.
    if (input.planner === "auto" && err instanceof UserError)
      return offline({ code: "agent_failed", detail: err.message.split("\n")[0].slice(0, 600) });
    throw err;
  }
  let outcome = attempt(firstAnswer);
  let lastAnswer = firstAnswer;
  if (outcome.problems.length > 0) {
    lastAnswer = await ask(renderRepairPrompt(prompt, firstAnswer, outcome.problems)).catch((err: unknown) => {
      if (input.planner === "auto" && err instanceof UserError) return "";
      throw err;
    });
    outcome = attempt(lastAnswer);
  }
  if (!outcome.wbs || outcome.problems.length > 0) {
    if (input.planner === "auto") {
      const first = outcome.problems[0] ? ` (${outcome.problems[0].slice(0, 300)})` : "";
      return offline({
        code: "agent_failed",
        detail: `The ${adapter.label} planner gave no usable plan, even after one correction${first}`,
      });
    }
    throw new UserError(
      `The ${adapter.label} planner's answer could not be used, even after one correction:\n${outcome.problems.map((p) => `- ${p}`).join("\n")}`,
      "validation",
      {},
      { problems: outcome.problems, rawAnswer: maskText(lastAnswer.slice(0, 50_000)) },
    );
  }
  const warnings = [
    ...validateWbs(outcome.wbs).warnings.map((w) => w.message),
    ...(await sharedFileWarnings(target.repo, target.baseRef, outcome.wbs, files)).map((w) => w.message),
  ];
  if (outcome.wbs.work_packages.length !== input.request.count) {
    warnings.unshift(
      `The planner proposed ${outcome.wbs.work_packages.length} packages instead of the ${input.request.count} asked for`,
    );
  }
  return { wbs: outcome.wbs, planner: "agent", notice: null, warnings };
}
