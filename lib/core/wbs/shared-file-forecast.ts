// Forecast of files two parallel packages are likely to both change, beyond the files they
// declare: a registry-like file beside their outputs (an index barrel, `__init__.py`, `mod.rs`,
// a routes or plugins table), a manifest (package.json, go.mod, pyproject.toml…) when both
// scopes mention adding a dependency, and a file the history changes with both their folders. Packages ordered by a dependency chain cannot collide, and
// a pair the person chose to keep parallel is not warned about again.
import type { CoChangeIndex } from "./co-change";
import { findPath, type GraphNode } from "./dependency-graph";
import { compareWpIds } from "./package-id";

export interface ForecastPackage extends GraphNode {
  name: string;
  scope: string;
  in_scope?: string;
  expected_outputs: readonly string[];
}

export interface SharedFileWarning {
  /** The file both are likely to change. */
  file: string;
  /** The two packages, in id order. */
  packages: [string, string];
  why: "registry" | "manifest" | "history";
  message: string;
}

const REGISTRY =
  /^(index\.(?:[cm]?[jt]sx?)|__init__\.py|mod\.rs|lib\.rs|(?:routes|router|plugins|registry|commands|handlers)\.(?:[cm]?[jt]s|py|go|rb))$/;
const MANIFESTS: Array<[RegExp, string[]]> = [
  [/^package\.json$/, ["package.json"]],
  [/^go\.mod$/, ["go.mod"]],
  [/^pyproject\.toml$/, ["pyproject.toml"]],
  [/^requirements\.txt$/, ["requirements.txt"]],
  [/^Cargo\.toml$/, ["Cargo.toml"]],
  [/^Gemfile$/, ["Gemfile"]],
];
const DEPENDENCY_WORDS =
  /\b(dependenc(?:y|ies)|install(?:s|ing)?|librar(?:y|ies)|package(?:s)? (?:from|via) (?:npm|pip|cargo)|npm|pip|yarn|pnpm|go get|crate|gem)\b/i;

const dirOf = (file: string) => (file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "");
const baseOf = (file: string) => file.slice(file.lastIndexOf("/") + 1);
const pairKey = (a: string, b: string) => [a, b].sort(compareWpIds).join("+");

/** The registry-like files in a folder or its parent (from the repository's files and the plan's). */
function registriesNear(file: string, byDir: Map<string, string[]>): string[] {
  const dir = dirOf(file);
  const near = [dir, dirOf(dir)].filter((d, i) => i === 0 || d !== dir);
  return near.flatMap((d) => (byDir.get(d) ?? []).filter((f) => REGISTRY.test(baseOf(f)) && f !== file));
}

export function forecastSharedFiles(
  packages: readonly ForecastPackage[],
  repoFiles: readonly string[],
  keepParallel: readonly string[] = [],
  /** Files the history changes together with a folder (./co-change.ts), by folder. */
  coChange: CoChangeIndex = {},
): SharedFileWarning[] {
  const declared = new Map<string, Set<string>>();
  for (const p of packages)
    for (const f of p.expected_outputs) declared.set(f, (declared.get(f) ?? new Set()).add(p.id));
  const byDir = new Map<string, string[]>();
  for (const f of new Set([...repoFiles, ...declared.keys()])) byDir.set(dirOf(f), [...(byDir.get(dirOf(f)) ?? []), f]);
  const kept = new Set(keepParallel.map((pair) => pairKey(...(pair.split("+") as [string, string]))));
  const ordered = (a: string, b: string) => findPath(packages, a, b) !== null || findPath(packages, b, a) !== null;

  // Which packages are likely to touch each file.
  const likely = new Map<string, { ids: Set<string>; why: SharedFileWarning["why"] }>();
  const add = (file: string, id: string, why: SharedFileWarning["why"]) => {
    const entry = likely.get(file) ?? { ids: new Set<string>(), why };
    entry.ids.add(id);
    likely.set(file, entry);
  };
  for (const p of packages) {
    for (const out of p.expected_outputs) {
      for (const registry of registriesNear(out, byDir)) add(registry, p.id, "registry");
      for (const file of coChange[dirOf(out)] ?? []) add(file, p.id, "history");
    }
    if (DEPENDENCY_WORDS.test(`${p.name} ${p.scope} ${p.in_scope ?? ""}`)) {
      for (const [pattern] of MANIFESTS) {
        const manifest = repoFiles.find((f) => !f.includes("/") && pattern.test(f));
        if (manifest) add(manifest, p.id, "manifest");
      }
    }
  }

  const warnings: SharedFileWarning[] = [];
  for (const [file, { ids, why }] of [...likely.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    // A package declaring the file changes it too; two declaring it is the overlap check's warning.
    const owners = declared.get(file) ?? new Set<string>();
    const list = [...new Set([...ids, ...owners])].sort(compareWpIds);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if ((owners.has(a) && owners.has(b)) || ordered(a, b) || kept.has(pairKey(a, b))) continue;
        warnings.push({
          file,
          packages: [a, b],
          why,
          message:
            why === "registry"
              ? `${a} and ${b} run in parallel and both write next to ${file}, which lists its neighbours: both are likely to change it`
              : why === "manifest"
                ? `${a} and ${b} run in parallel and both mention adding a dependency: both are likely to change ${file}`
                : `${a} and ${b} run in parallel, and the repository's history changes ${file} together with the folders both write in: both are likely to change it`,
        });
      }
    }
  }
  return warnings;
}

/** The WBS field that remembers "keep them parallel" choices, as "WP-2+WP-3" pairs. */
export const KEEP_PARALLEL_FIELD = "keep_parallel";
export const keepParallelPair = (a: string, b: string) => pairKey(a, b);

/** The repository files the forecast reads (registry-like files, top-level manifests): a short list to send to the page. */
export function forecastCandidates(repoFiles: readonly string[]): string[] {
  return repoFiles.filter((f) => REGISTRY.test(baseOf(f)) || (!f.includes("/") && MANIFESTS.some(([p]) => p.test(f))));
}

/** The "keep them parallel" pairs a WBS remembers. */
export function keptPairs(wbs: Record<string, unknown>): string[] {
  const value = wbs[KEEP_PARALLEL_FIELD];
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string" && /^[^+]+\+[^+]+$/.test(v))
    : [];
}
