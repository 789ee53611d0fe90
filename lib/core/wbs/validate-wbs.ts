// Validation of a WBS: one clear message per problem, naming the package, saying what to change.
// Errors block a launch; warnings (such as two packages claiming one file) can be accepted.
import { listInWords } from "../text/list-in-words";
import { findCycles, formatCycle } from "./dependency-graph";
import { checkOutputPath, normalizeOutputPath } from "./output-path";
import { compareWpIds, WP_ID_PATTERN } from "./package-id";
import { MAX_WORK_PACKAGES, type WorkBreakdown, type WorkPackageSpec } from "./wbs-schema";

export interface WbsProblem {
  severity: "error" | "warning";
  code: string;
  message: string;
  /** The package the problem belongs to, when there is one. */
  wpId?: string;
  /** The field of that package, e.g. "expected_outputs[2]". */
  field?: string;
  /** Other packages involved (a cycle's members, an overlap's other claimant). */
  related?: string[];
}

export interface WbsValidation {
  ok: boolean;
  errors: WbsProblem[];
  warnings: WbsProblem[];
}

const label = (wp: WorkPackageSpec): string =>
  wp.name.trim() ? `${wp.id} (${wp.name.trim()})` : wp.id || "A package without an id";

function checkPackage(wp: WorkPackageSpec, knownIds: Set<string>, problems: WbsProblem[]): void {
  const who = label(wp);
  const add = (severity: WbsProblem["severity"], code: string, message: string, field?: string) =>
    problems.push({ severity, code, message: `${who}: ${message}`, wpId: wp.id, field });

  if (wp.id.trim() === "") add("error", "id-empty", "has no id: give it one such as WP-4", "id");
  else if (!WP_ID_PATTERN.test(wp.id)) {
    add("error", "id-format", "id may only use letters, digits, '.', '_' and '-' (at most 40), e.g. WP-4", "id");
  }
  if (wp.name.trim() === "") add("error", "name-empty", "has no name: say in a few words what it builds", "name");
  if (wp.scope.trim() === "") add("error", "scope-empty", "has no scope: describe what this package covers", "scope");

  const seenDeps = new Set<string>();
  wp.dependencies.forEach((dep, i) => {
    const field = `dependencies[${i}]`;
    if (dep === wp.id) add("error", "dependency-self", "depends on itself: remove that dependency", field);
    else if (!knownIds.has(dep))
      add(
        "error",
        "dependency-missing",
        `depends on ${dep || '""'}, which is not in the plan: remove it or add ${dep || "that package"}`,
        field,
      );
    else if (seenDeps.has(dep)) add("warning", "dependency-duplicate", `lists ${dep} twice as a dependency`, field);
    seenDeps.add(dep);
  });

  if (wp.expected_outputs.length === 0) {
    add(
      "error",
      "outputs-empty",
      "lists no expected outputs: name at least one file it will create or change, e.g. src/feature.ts",
      "expected_outputs",
    );
  }
  const seenPaths = new Set<string>();
  wp.expected_outputs.forEach((raw, i) => {
    const field = `expected_outputs[${i}]`;
    const problem = checkOutputPath(raw);
    if (problem) add(problem.severity, problem.code, problem.message, field);
    const normalized = normalizeOutputPath(raw);
    if (!problem && seenPaths.has(normalized)) add("warning", "output-duplicate", `lists ${normalized} twice`, field);
    seenPaths.add(normalized);
  });
}

/** Files claimed by more than one package: a warning per pair, naming both ids. */
function checkOverlaps(packages: readonly WorkPackageSpec[], problems: WbsProblem[]): void {
  const claims = new Map<string, string[]>();
  for (const wp of packages) {
    for (const raw of new Set(wp.expected_outputs.map(normalizeOutputPath))) {
      if (raw === "" || checkOutputPath(raw)?.severity === "error") continue;
      claims.set(raw, [...(claims.get(raw) ?? []), wp.id]);
    }
  }
  for (const [file, owners] of [...claims.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const unique = [...new Set(owners)].sort(compareWpIds);
    if (unique.length < 2) continue;
    problems.push({
      severity: "warning",
      code: "output-overlap",
      message: `${listInWords(unique)} ${unique.length === 2 ? "both" : "all"} claim ${file}: give it to one package, make one wait for the other, or keep the overlap: a merge conflict is then likely, which git and the agent try to resolve before a person is asked`,
      wpId: unique[0],
      related: unique.slice(1),
    });
  }
}

/** Validates a whole WBS. `ok` is true when there are no errors (warnings may remain). */
export function validateWbs(wbs: WorkBreakdown): WbsValidation {
  const problems: WbsProblem[] = [];
  const packages = wbs.work_packages;

  if (wbs.task.trim() === "") {
    problems.push({
      severity: "error",
      code: "task-empty",
      message: "The compound task is empty: describe what the packages build together",
    });
  }
  if (packages.length === 0) {
    problems.push({ severity: "error", code: "count", message: "The plan has no work packages: add at least one" });
  } else if (packages.length > MAX_WORK_PACKAGES) {
    problems.push({
      severity: "error",
      code: "count",
      message: `The plan has ${packages.length} work packages; at most ${MAX_WORK_PACKAGES} can run: merge or remove ${packages.length - MAX_WORK_PACKAGES}`,
    });
  }

  const counts = new Map<string, number>();
  for (const wp of packages) counts.set(wp.id, (counts.get(wp.id) ?? 0) + 1);
  for (const [id, count] of counts) {
    if (count > 1 && id !== "") {
      problems.push({
        severity: "error",
        code: "id-duplicate",
        message: `${count} packages share the id ${id}: give each a unique id`,
        wpId: id,
        field: "id",
      });
    }
  }

  const knownIds = new Set(packages.map((wp) => wp.id));
  for (const wp of packages) checkPackage(wp, knownIds, problems);

  for (const cycle of findCycles(packages)) {
    problems.push({
      severity: "error",
      code: "cycle",
      message: `Dependency loop ${formatCycle(cycle)}: none of these can start; remove one of the dependencies`,
      wpId: cycle[0],
      related: [...new Set(cycle.slice(1))],
    });
  }
  checkOverlaps(packages, problems);

  const errors = problems.filter((p) => p.severity === "error");
  return { ok: errors.length === 0, errors, warnings: problems.filter((p) => p.severity === "warning") };
}
