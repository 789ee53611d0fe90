// The offline planner: no agent, no network. Splits the task into parts, fits them to the
// requested count (merging parts, or adding supporting packages and finer slices), proposes
// explicit file paths in the repository's own layout, and shapes the dependencies by mode.
// What every part must also have (tests, types) goes into each scope; a request for docs becomes
// one package documenting the others, or each package's own README when there is no room.
import { cycleIfDependencyAdded } from "../wbs/dependency-graph";
import type { WorkBreakdown, WorkPackageSpec } from "../wbs/wbs-schema";
import { placeModule } from "./place-files";
import type { PlanRequest } from "./plan-request";
import type { RepoConventions } from "./repo-conventions";
import { splitTask, type TaskPart } from "./split-task";

type UnitKind = "types" | "part" | "aspect" | "config" | "integration" | "e2e" | "docs";

interface Unit {
  kind: UnitKind;
  name: string;
  description: string;
  /** Each module the unit writes: the words naming it, and what the task calls it. */
  modules: Array<{ words: string[]; hint: string }>;
  /** The parts it came from (for mention-based dependencies). */
  parts: TaskPart[];
  /** For an aspect slice: the unit it was sliced from. */
  parent?: Unit;
  /** A docs unit the task asked for ("and a README"): it documents the other packages. */
  asked?: boolean;
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
  modules: [{ words: p.words, hint: `${p.kind ?? ""} ${p.text}` }],
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
    const range = groupName(members);
    const stated = members[0].parts[0]?.kind;
    groups.push({
      kind: "part",
      name: range ?? (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]),
      description: range
        ? `${range.toLowerCase()} of the ${units.length} ${plural(stated!)} the task asks for`
        : members.map((m) => m.description).join("; "),
      modules: members.flatMap((m) => m.modules),
      parts: members.flatMap((m) => m.parts),
      files: [],
    });
  }
  return groups;
}

const plural = (kind: string) => kind.replace(/y$/, "ie").replace(/(s|x|ch|sh)$/, "$1e") + "s";

/** Counted parts the task does not name merge into a range: "Utility modules 1–4". */
function groupName(members: Unit[]): string | null {
  const numbers = members.map((m) => (m.parts.length === 1 ? m.parts[0].placeholder : undefined));
  const kind = members[0].parts[0]?.kind;
  if (members.length < 2 || !kind || numbers.some((n) => n === undefined)) return null;
  if (members.some((m) => m.parts[0].kind !== kind)) return null;
  const label = plural(kind);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} ${numbers[0]}–${numbers.at(-1)}`;
}

/** Adds supporting packages, then finer slices of the parts, until there are `count` units. */
function growUnits(parts: Unit[], count: number, areaName: string): Unit[] {
  const units = [...parts];
  for (const s of SUPPORT) {
    if (units.length >= count) break;
    if (s.kind === "integration" && parts.length < 2) continue;
    if (units.some((u) => u.kind === s.kind)) continue;
    units.push({
      kind: s.kind,
      name: s.name,
      description: `${s.description}${areaName ? ` for ${areaName}` : ""}`,
      modules: [{ words: s.words, hint: "" }],
      parts: [],
      files: [],
    });
  }
  for (const [aspect, label] of ASPECTS) {
    for (const base of parts.filter((u) => u.kind === "part")) {
      if (units.length >= count) return units;
      units.push({
        kind: "aspect",
        name: `${base.name}: ${label}`,
        description: `the ${label} of ${base.name}`,
        modules: [{ words: [...base.modules[0].words, aspect], hint: "" }],
        parts: base.parts,
        parent: base,
        files: [],
      });
    }
  }
  return units;
}

function assignFiles(units: Unit[], conventions: RepoConventions, area: string[], docsEach: boolean): void {
  const used = new Set<string>();
  const unique = (file: string) => {
    let candidate = file;
    for (let n = 2; used.has(candidate); n++) candidate = file.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
    used.add(candidate);
    return candidate;
  };
  for (const unit of units) {
    if (unit.kind === "docs") {
      const readme = conventions.layout.readme ?? "README.md";
      unit.files = [unique(unit.asked ? readme : `docs/${area.length > 0 ? area.join("-") : "overview"}.md`)];
      continue;
    }
    for (const { words, hint } of unit.modules) {
      const placed = placeModule(conventions, { words, area, hint, within: unit.parent?.modules[0].words });
      if (unit.kind === "e2e") unit.files.push(unique(placed.test ?? placed.files[0]));
      else if (unit.kind === "types" || unit.kind === "config")
        unit.files.push(...placed.files.filter((f) => f !== placed.test).map(unique));
      else unit.files.push(...placed.files.map(unique));
      if (docsEach && (unit.kind === "part" || unit.kind === "aspect") && !used.has(placed.readme))
        unit.files.push(unique(placed.readme));
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
        // Counted, unnamed parts share their words ("utility module 3"): no mention between them.
        if (
          j < i &&
          other.kind === "part" &&
          other.parts.every((p) => p.placeholder === undefined) &&
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
      // Documentation the task asked for describes the parts, so it follows them.
      else if (unit.asked) partIndexes.forEach(add);
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
  // Asked-for docs get a package of their own when there is room (a monorepo's packages each
  // have a README of their own instead); otherwise each package documents its own work.
  const docsUnit = split.docs && units.length < request.count && !conventions.layout.monorepo;
  const docsEach = split.docs && !docsUnit;
  if (docsUnit)
    units.push({
      kind: "docs",
      name: "Documentation",
      description: "documentation of what the other packages build",
      modules: [],
      parts: [],
      files: [],
      asked: true,
    });
  if (units.length > request.count) units = mergeParts(units, request.count);
  else if (units.length < request.count) units = growUnits(units, request.count, areaName);
  units = [...units].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  assignFiles(units, conventions, split.areaWords, docsEach);
  const deps = dependencies(units, request.deps);

  const ids = units.map((_, i) => `WP-${i + 1}`);
  const label = (i: number) => `${ids[i]} (${units[i].name})`;
  const packages: WorkPackageSpec[] = units.map((unit, i) => {
    const others = units.map((_, j) => j).filter((j) => j !== i);
    const test = unit.files.find((f) => /(^|\/)(tests?|spec)\/|[._]test\.|_test\.|Test\.java$|^tests\/test_/.test(f));
    const dependsOn = deps[i];
    const own = unit.kind === "part" || unit.kind === "aspect";
    const readme = docsEach && own ? unit.files.find((f) => /(^|\/)(README|[^/]+)\.md$/.test(f)) : undefined;
    const scope = [
      `${unit.description.charAt(0).toUpperCase()}${unit.description.slice(1)}${areaName && unit.kind === "part" ? ` (part of ${areaName})` : ""}.`,
      unit.asked
        ? `It documents the work of ${others.map(label).join(", ") || "this task"} in ${unit.files[0]}: what each adds and how to use it.`
        : "",
      own && split.concerns.length > 0 ? `The task asks every package for: ${split.concerns.join("; ")}.` : "",
      readme ? `It documents its own work in ${readme}.` : "",
    ];
    return {
      id: ids[i],
      name: unit.name,
      scope: scope.filter(Boolean).join(" "),
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
