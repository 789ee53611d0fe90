// The prompt the agent planner sends: the task, the count, the dependency mode and what the
// repository looks like, asking for the WBS as JSON in the team-of-teams format.
import type { PlanRequest } from "./plan-request";
import type { RepoConventions } from "./repo-conventions";

export interface PlanningContext {
  fileTree: string;
  /** README and agent notes found in the repository (.octo/STATE.md, .octo/PROJECT.md, CLAUDE.md, AGENTS.md). */
  documents: Array<{ name: string; text: string }>;
  earlierRuns: Array<{ task: string; status: string; packages: string[] }>;
  conventions: RepoConventions;
}

const DEPENDENCY_TEXT: Record<PlanRequest["deps"], string> = {
  independent: "Fully independent: no package depends on another (empty dependencies everywhere).",
  some: "Some dependencies: a package may depend on another whose interface it needs. Keep the graph shallow.",
  sequential: "Sequential: the packages form a chain, each depending on the previous one.",
};

export function renderPlanningPrompt(request: PlanRequest, context: PlanningContext): string {
  const c = context.conventions;
  const lines = [
    "You are planning work for a crew of coding agents that will run in parallel, each in its own git worktree.",
    "Decompose the compound task below into a Work Breakdown Structure. Do not change any files: only answer.",
    "",
    "## Compound task",
    request.task,
    "",
    "## What is asked",
    `- Exactly ${request.count} work package(s), ids WP-1 to WP-${request.count}.`,
    `- Dependencies: ${DEPENDENCY_TEXT[request.deps]}`,
    "- Scopes must not overlap and together must cover the whole task.",
    "- Every package lists explicit file paths it will create or change, relative to the repository root",
    "  (e.g. src/auth/oauth.ts): no folders, no globs, no absolute paths, no descriptions. No two packages list the same file.",
    `- Follow the repository's conventions: ${c.language} files (${c.extension}) under ${c.sourceDir || "the root"}, ${c.naming} file names${c.testDir ? `, tests under ${c.testDir}` : ""}.`,
    "",
    "## Answer format",
    "Answer with one JSON object and nothing else (a ```json fenced block is fine):",
    "```json",
    JSON.stringify(
      {
        task: "<the compound task>",
        work_packages: [
          {
            id: "WP-1",
            name: "<short name>",
            scope: "<what this package builds>",
            in_scope: "<what it covers>",
            out_of_scope: "<what the other packages handle>",
            expected_outputs: ["<explicit/file/path.ext>"],
            dependencies: [],
            produces: "<what other packages can rely on>",
            consumes: "<what it needs>",
            acceptance: "<how to tell it is done>",
            status: "pending",
          },
        ],
      },
      null,
      2,
    ),
    "```",
    "",
    "## The repository",
    "Files (compact):",
    context.fileTree || "(empty repository)",
  ];
  for (const doc of context.documents) lines.push("", `### ${doc.name}`, doc.text);
  if (context.earlierRuns.length > 0) {
    lines.push("", "## Earlier runs on this repository");
    for (const run of context.earlierRuns) lines.push(`- ${run.task} (${run.status}): ${run.packages.join("; ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderRepairPrompt(original: string, previousAnswer: string, problems: readonly string[]): string {
  return [
    original,
    "## Your previous answer",
    previousAnswer.length > 20_000 ? `${previousAnswer.slice(0, 20_000)}\n…` : previousAnswer,
    "",
    "## Problems to fix",
    "That answer could not be used because:",
    ...problems.map((p) => `- ${p}`),
    "",
    "Answer again with the corrected JSON object only.",
    "",
  ].join("\n");
}
