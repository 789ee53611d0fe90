// The offline planner: no agent, no network. Splits the task into parts, fits them to the
// requested count (merging parts, or adding supporting packages and finer slices), proposes
// explicit file paths in the repository's own conventions, and shapes the dependencies by mode.
import { cycleIfDependencyAdded } from "../wbs/dependency-graph";
import type { WorkBreakdown, WorkPackageSpec } from "../wbs/wbs-schema";
import type { PlanRequest } from "./plan-request";
import { modulePaths, type RepoConventions } from "./repo-conventions";
import { splitTask, type TaskPart } from "./split-task";

type UnitKind = "types" | "part" | "aspect" | "config" | "integration" | "e2e" | "docs";

interface Unit {
  kind: UnitKind;
  name: string;
  description: string;
  /** Words naming each module the unit writes. */
  modules: string[][];
  /** The parts it came from (for mention-based dependencies). */
  parts: TaskPart[];
  /** For an aspect slice: the unit it was sliced from. */
  parent?: Unit;
  files: string[];
}

const SUPPORT: Array<{ kind: UnitKind; name: string; description: string; words: string[] }> = [
  {
    kind: "types",
    name: "Shared types and contracts",
    description: "the types and interfaces the other packages share",
    words: ["types"],
  },
  {
    kind: "integration",
    name: "Integration and wiring",
    description: "wiring the parts together behind one entry point",
    words: ["integration"],
  },
  { kind: "config", name: "Configuration", description: "settings and their defaults", words: ["config"] },
  {
    kind: "e2e",
    name: "End-to-end tests",
    description: "tests that exercise the parts together",
    words: ["end", "to", "end"],
  },
  { kind: "docs", name: "Documentation", description: "how to use and operate the result", words: [] },
];
const ASPECTS = [
  ["core", "core logic"],
  ["api", "public interface"],
  ["storage", "persistence"],
  ["validation", "input validation"],
  ["errors", "error handling"],
] as const;
const ORDER: Record<UnitKind, number> = { types: 0, part: 1, aspect: 1, config: 2, integration: 3, e2e: 4, docs: 5 };

const partUnit = (p: TaskPart): Unit => ({
  kind: "part",
  name: p.name,
  description: p.text,
  modules: [p.words],
  parts: [p],
  files: [],
});

/** Merges neighbouring parts until there are `count` units. */
function mergeParts(units: Unit[], count: number): Unit[] {
  const groups: Unit[] = [];
  const size = units.length / count;
  for (let g = 0; g < count; g++) {
    const members = units.slice(Math.round(g * size), Math.round((g + 1) * size));
    const names = members.map((m) => m.name);
    groups.push({
      kind: "part",
      name: names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0],
      description: members.map((m) => m.description).join("; "),
      modules: members.flatMap((m) => m.modules),
      parts: members.flatMap((m) => m.parts),
      files: [],
    });
  }
  return groups;
}

/** Adds supporting packages, then finer slices of the parts, until there are `count` units. */
function growUnits(parts: Unit[], count: number, areaName: string): Unit[] {
  const units = [...parts];
  for (const s of SUPPORT) {
    if (units.length >= count) break;
    if (s.kind === "integration" && parts.length < 2) continue;
    units.push({
      kind: s.kind,
      name: s.name,
      description: `${s.description}${areaName ? ` for ${areaName}` : ""}`,
      modules: [s.words],
      parts: [],
      files: [],
    });
  }
  for (const [aspect, label] of ASPECTS) {
    for (const base of parts) {
      if (units.length >= count) return units;
      units.push({
        kind: "aspect",
        name: `${base.name}: ${label}`,
        description: `the ${label} of ${base.name}`,
        modules: [[...base.modules[0], aspect]],
        parts: base.parts,
        parent: base,
        files: [],
      });
    }
  }
  return units;
}

function assignFiles(units: Unit[], conventions: RepoConventions, area: string[]): void {
  const used = new Set<string>();
  const unique = (file: string) => {
    let candidate = file;
    for (let n = 2; used.has(candidate); n++) candidate = file.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
    used.add(candidate);
    return candidate;
  };
  for (const unit of units) {
    if (unit.kind === "docs") {
      unit.files = [unique(`docs/${area.length > 0 ? area.join("-") : "overview"}.md`)];
      continue;
    }
    for (const words of unit.modules) {
      const paths = modulePaths(conventions, area, words);
      if (unit.kind === "e2e") unit.files.push(unique(paths.test ?? paths.source));
      else {
        unit.files.push(unique(paths.source));
        if (paths.test && unit.kind !== "types" && unit.kind !== "config") unit.files.push(unique(paths.test));
      }
    }
  }
}

const mentions = (text: string, words: string[]) =>
  words.some((w) => w.length >= 3 && new RegExp(`\\b${w.replace(/[^a-z0-9]/gi, "")}\\b`, "i").test(text));

function dependencies(units: Unit[], mode: PlanRequest["deps"]): string[][] {
  const deps: string[][] = units.map(() => []);
  const id = (i: number) => `WP-${i + 1}`;
  if (mode === "independent") return deps;
  if (mode === "sequential") return units.map((_, i) => (i === 0 ? [] : [id(i - 1)]));

  const partIndexes = units.map((u, i) => (u.kind === "part" ? i : -1)).filter((i) => i >= 0);
  units.forEach((unit, i) => {
    const add = (j: number) => {
      if (j !== i && j >= 0 && !deps[i].includes(id(j))) deps[i].push(id(j));
    };
    if (unit.kind === "part") {
      units.forEach((other, j) => {
        if (other.kind === "types") add(j);
        if (
          j < i &&
          other.kind === "part" &&
          mentions(
            unit.description,
            other.parts.flatMap((p) => p.words),
          )
        )
          add(j);
      });
    }
    if (unit.kind === "aspect" && unit.parent) add(units.indexOf(unit.parent));
    if (unit.kind === "integration") partIndexes.forEach(add);
    if (unit.kind === "e2e") {
      const integration = units.findIndex((u) => u.kind === "integration");
      if (integration >= 0) add(integration);
      else partIndexes.forEach(add);
    }
    if (unit.kind === "docs") {
      const integration = units.findIndex((u) => u.kind === "integration");
      if (integration >= 0) add(integration);
    }
  });
  if (deps.every((d) => d.length === 0) && units.length > 1) deps[units.length - 1].push(id(0));
  return deps;
}

export interface OfflinePlanInput {
  request: PlanRequest;
  conventions: RepoConventions;
  created: string;
}

export function planOffline({ request, conventions, created }: OfflinePlanInput): WorkBreakdown {
  const split = splitTask(request.task);
  const areaName = split.context;
  let units = split.parts.map(partUnit);
  if (units.length > request.count) units = mergeParts(units, request.count);
  else if (units.length < request.count) units = growUnits(units, request.count, areaName);
  units = [...units].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  assignFiles(units, conventions, split.areaWords);
  const deps = dependencies(units, request.deps);

  const ids = units.map((_, i) => `WP-${i + 1}`);
  const label = (i: number) => `${ids[i]} (${units[i].name})`;
  const packages: WorkPackageSpec[] = units.map((unit, i) => {
    const others = units.map((_, j) => j).filter((j) => j !== i);
    const test = unit.files.find((f) => /(^|\/)(tests?|spec)\/|[._]test\.|_test\.|Test\.java$|^tests\/test_/.test(f));
    const dependsOn = deps[i];
    return {
      id: ids[i],
      name: unit.name,
      scope: `${unit.description.charAt(0).toUpperCase()}${unit.description.slice(1)}${areaName && unit.kind === "part" ? ` (part of ${areaName})` : ""}.`,
      expected_outputs: unit.files,
      dependencies: dependsOn,
      status: "pending",
      in_scope: `${unit.name}: ${unit.files.join(", ")}`,
      out_of_scope:
        others.length > 0
          ? `What the other packages build: ${others.map(label).join(", ")}`
          : "Anything beyond this task",
      produces: `${unit.files[0]}, ready for the other packages to use`,
      consumes:
        dependsOn.length > 0
          ? `The merged work of ${dependsOn.map((d) => label(ids.indexOf(d))).join(", ")}`
          : "Only the existing project",
      acceptance: test
        ? `${test} passes, and the project's existing tests still pass`
        : "The files exist, are complete and follow the project's conventions",
    };
  });

  // Defensive: construction only adds edges to earlier packages, so no loop can form.
  for (const p of packages)
    for (const d of p.dependencies)
      if (
        cycleIfDependencyAdded(
          packages.map((x) => ({ id: x.id, dependencies: x.id === p.id ? [] : x.dependencies })),
          p.id,
          d,
        )
      )
        throw new Error(`offline planner made a loop at ${p.id}`);
  return { task: request.task.trim(), created, work_packages: packages };
}
