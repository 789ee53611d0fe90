// Renders a package's instructions.md with the sections the team-of-teams workflow prescribes:
// Task; Scope Boundaries; Expected Output; Integration Contract; Quality Expectations.
import { normalizeOutputPath } from "./output-path";
import { compareWpIds } from "./package-id";
import type { WorkBreakdown, WorkPackageSpec } from "./wbs-schema";

/** A package already merged into the feature branch, as later packages are told about it. */
export interface CompletedPackage {
  id: string;
  name: string;
  commit: string;
  changedFiles: string[];
}

export interface RenderOptions {
  /** Packages merged before this one started ("Completed so far"). */
  completed?: readonly CompletedPackage[];
}

const orNone = (value: string | undefined, fallback: string): string =>
  value && value.trim() ? value.trim() : fallback;

function indentBlock(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((line, i) => (i === 0 ? line : `  ${line}`))
    .join("\n");
}

function otherPackagesLines(wbs: WorkBreakdown, self: WorkPackageSpec): string[] {
  return wbs.work_packages
    .filter((wp) => wp.id !== self.id)
    .sort((a, b) => compareWpIds(a.id, b.id))
    .map((wp) => `  - ${wp.id} (${wp.name.trim()}) handles: ${indentBlock(orNone(wp.in_scope, wp.scope))}`);
}

function completedLines(completed: readonly CompletedPackage[]): string[] {
  if (completed.length === 0) return [];
  const lines = [
    "",
    "## Completed so far",
    "These packages are already merged into the branch you start from; build on them, do not redo them.",
  ];
  for (const done of [...completed].sort((a, b) => compareWpIds(a.id, b.id))) {
    const files = done.changedFiles.length > 0 ? done.changedFiles.join(", ") : "no files";
    lines.push(`- ${done.id} (${done.name}), commit ${done.commit.slice(0, 12)}: ${files}`);
  }
  return lines;
}

/** The full instructions.md text for package `wpId` of `wbs`. */
export function renderInstructions(wbs: WorkBreakdown, wpId: string, options: RenderOptions = {}): string {
  const wp = wbs.work_packages.find((p) => p.id === wpId);
  if (!wp) throw new Error(`No work package ${wpId} in this plan`);
  const others = otherPackagesLines(wbs, wp);
  const dependencies = [...wp.dependencies].sort(compareWpIds).map((id) => {
    const dep = wbs.work_packages.find((p) => p.id === id);
    return dep ? `${id} (${dep.name.trim()})` : id;
  });

  const lines = [
    `# Work Package ${wp.id}: ${wp.name.trim()}`,
    "",
    "## Task",
    wp.scope.trim(),
    "",
    `This package is one part of a larger task: ${wbs.task.trim()}`,
    "",
    "## Scope Boundaries",
    `- IN SCOPE: ${indentBlock(orNone(wp.in_scope, wp.scope))}`,
    `- OUT OF SCOPE: ${indentBlock(orNone(wp.out_of_scope, others.length > 0 ? "the work of the other packages below" : "anything beyond the task above"))}`,
    ...(others.length > 0 ? ["- Other packages (do not do their work):", ...others] : []),
    "",
    "## Expected Output",
    "- Files to create/modify:",
    ...wp.expected_outputs.map((p) => `  - ${normalizeOutputPath(p)}`),
    "- Location: paths are relative to the repository root (your working directory).",
    "",
    "## Integration Contract",
    `- This WP produces: ${indentBlock(orNone(wp.produces, "the files listed above"))}`,
    `- This WP consumes: ${indentBlock(orNone(wp.consumes, "the existing project"))}`,
    `- Depends on: ${dependencies.length > 0 ? dependencies.join(", ") : "nothing (it can start right away)"}`,
    ...(wp.acceptance?.trim() ? ["", "## Acceptance", wp.acceptance.trim()] : []),
    ...completedLines(options.completed ?? []),
    "",
    "## Quality Expectations",
    "- Code must compile/parse without errors",
    "- Follow existing project conventions",
    "- Include basic error handling",
    "- Change only the files this package owns; commit nothing outside its scope",
    "",
  ];
  return lines.join("\n");
}
