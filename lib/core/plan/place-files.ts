// Where a new module's files go, in the repository's own layout: a new package of a monorepo
// (or a module inside the package it names), a model or an endpoint in the layer folders, else
// a module under the source folder. Tests go where that repository keeps its tests.
import { styleName, type RepoConventions } from "./repo-conventions";
import type { Layer, LayerHome } from "./repo-layout";

export interface ModuleRequest {
  /** Words naming the module, e.g. ["audit", "logging"]. */
  words: readonly string[];
  /** Words naming the area it belongs to, e.g. ["authentication"] (may be empty). */
  area: readonly string[];
  /** What the task says about it ("users endpoint", "a Product model"), to pick a layer folder. */
  hint?: string;
  /** For a slice of a part: the part's words, so the slice lands in the part's package. */
  within?: readonly string[];
}

export interface Placement {
  /** Source files, then the test file (when the language has one), then package files. */
  files: string[];
  test: string | null;
  /** Where this module's documentation goes when each package documents its own work. */
  readme: string;
}

const LAYER_WORDS =
  /^(?:models?|schemas?|entity|entities|tables?|endpoints?|routes?|api|apis|rest|handlers?|controllers?|services?|resources?|crud)$/;
const join = (...parts: string[]) => parts.filter(Boolean).join("/");
const dirOf = (file: string) => (file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "");
const extOf = (file: string) => /\.[A-Za-z0-9]+$/.exec(file)?.[0] ?? "";

/** The layers a module belongs in, from what the task calls it. */
export function layersOf(hint: string): Layer[] {
  const text = hint.toLowerCase();
  if (/\b(?:resources?|crud)\b/.test(text)) return ["model", "route"];
  const found: Layer[] = [];
  if (/\b(?:models?|schemas?|entit(?:y|ies)|tables?)\b/.test(text)) found.push("model");
  if (/\b(?:endpoints?|routes?|apis?|handlers?|controllers?)\b/.test(text)) found.push("route");
  if (/\bservices?\b/.test(text)) found.push("service");
  return found;
}

/** A module's file name in the language's style. */
function nameIn(c: RepoConventions, words: readonly string[]): string {
  if (c.language === "python" || c.language === "go" || c.language === "rust" || c.language === "ruby")
    return styleName(words, "snake");
  if (c.language === "java") return styleName(words, "pascal");
  return styleName(words, c.naming);
}

/** The test of a source file, by the language's rule and the repository's habits. */
function testFor(c: RepoConventions, source: string, name: string): string | null {
  const ext = extOf(source);
  const dir = dirOf(source);
  switch (c.language) {
    case "go":
      return join(dir, `${name}_test.go`);
    case "python":
      return join(c.testDir, `test_${name}.py`);
    case "rust":
      return join("tests", `${name}.rs`);
    case "java":
      return join(c.testDir, dir.slice(c.sourceDir.length + 1), `${name}Test.java`);
    case "ruby":
      return join(c.testDir, `${name}_spec.rb`);
    case "typescript":
    case "javascript": {
      const mark = c.layout.testSuffix;
      if (c.testStyle === "suffix-beside-source") return join(dir, `${name}${mark || ".test"}${ext}`);
      const sub = c.layout.mirrorTests && dir.startsWith(`${c.sourceDir}/`) ? dir.slice(c.sourceDir.length + 1) : "";
      return join(c.testDir, sub, `${name}${mark}${ext}`);
    }
    default:
      return null;
  }
}

/** A module under the source folder (the layout without packages or layers). */
function plainModule(c: RepoConventions, m: ModuleRequest): Placement {
  const name = nameIn(c, m.words);
  // Folders use the repository's style, except that Go and Python want identifier-safe names.
  const folder = m.area.length > 0 ? styleName(m.area, c.naming === "snake" ? "snake" : "kebab") : "";
  let source: string;
  if (c.language === "go") {
    // A Go package is a folder: internal/ratelimit/ratelimit.go, or internal/auth/oauth.go in an area.
    const pkg = (folder || name).replace(/[-_]/g, "");
    source = join(c.sourceDir, pkg, `${folder ? name : pkg}.go`);
    return {
      files: [source, testFor(c, source, folder ? name : pkg)!],
      test: testFor(c, source, folder ? name : pkg),
      readme: join(c.sourceDir, pkg, "doc.go"),
    };
  }
  if (c.language === "python") source = join(c.sourceDir, `${name}.py`);
  else if (c.language === "rust") source = join("src", folder.replace(/-/g, "_"), `${name}.rs`);
  else if (c.language === "java") source = join(c.sourceDir, folder.replace(/-/g, ""), `${name}.java`);
  else if (c.language === "ruby") source = join(c.sourceDir === "src" ? "lib" : c.sourceDir, folder, `${name}.rb`);
  else if (c.language === "other") source = join("docs", folder, `${styleName(m.words, "kebab")}.md`);
  else source = join(c.sourceDir, folder, `${name}${c.extension}`);
  const test = c.language === "other" ? null : testFor(c, source, name);
  return { files: test ? [source, test] : [source], test, readme: join("docs", `${styleName(m.words, "kebab")}.md`) };
}

/** A module of a monorepo: inside the package it names, else a new package of its own. */
function packageModule(c: RepoConventions, m: ModuleRequest): Placement {
  const repo = c.layout.monorepo!;
  const kebab = (words: readonly string[]) => styleName(words, "kebab");
  const find = (name: string) => repo.packages.find((p) => p === name || p === `${repo.prefix}${name}`);
  // "retry support in the cli package" names the package "cli"; "package" itself names nothing.
  const words = m.words.filter((w) => !/^packages?$/.test(w));
  const named = words.length > 1 ? words.find((w) => find(w)) : undefined;
  const existing =
    [m.within, m.area, words].map((w) => (w && w.length > 0 ? find(kebab(w)) : undefined)).find(Boolean) ??
    (named && find(named));
  const own = named && existing === find(named) ? words.filter((w) => w !== named) : words;
  const home = existing ?? `${repo.prefix}${kebab(m.within ?? own)}`;
  const dir = join(repo.root, home);
  const entryExt = extOf(repo.entry);
  const testExt = extOf(repo.test);
  const mark = /([._-](?:test|spec))\.[A-Za-z0-9]+$/.exec(repo.test)?.[1] ?? "";
  if (existing || m.within) {
    const name = styleName(own, c.naming);
    const source = join(dir, dirOf(repo.entry), `${name}${entryExt}`);
    const test = join(dir, dirOf(repo.test), `${name}${mark}${testExt}`);
    return { files: [source, test], test, readme: join(dir, "README.md") };
  }
  const entry = join(dir, repo.entry);
  const test = join(dir, repo.test);
  return { files: [entry, test, join(dir, "package.json")], test, readme: join(dir, "README.md") };
}

/** A model, an endpoint or a service in the repository's layer folders. */
function layerModule(c: RepoConventions, m: ModuleRequest, layers: Layer[]): Placement {
  const words = m.words.filter((w) => !LAYER_WORDS.test(w));
  const name = nameIn(c, words.length > 0 ? words : m.words);
  // An endpoint is a route, and its controller when the repository keeps controllers apart.
  const wanted = layers.flatMap((l): Layer[] =>
    l === "route" && c.layout.layers.route && c.layout.layers.controller ? ["route", "controller"] : [l],
  );
  const homes = wanted
    .map((l) => c.layout.layers[l] ?? (l === "route" ? c.layout.layers.controller : undefined))
    .filter((h, i, all): h is LayerHome => !!h && all.indexOf(h) === i);
  const ext = c.extension;
  const sources = homes.map((h) => join(h.dir, `${name}${h.suffix}${ext}`));
  const first = homes[0];
  let test: string | null;
  if (c.language === "go") test = join(first.dir, `${name}_test.go`);
  else if (first.testDir && c.language === "python") test = join(first.testDir, `test_${name}.py`);
  else if (first.testDir) {
    const role = first.testKeepsSuffix ? first.suffix : "";
    test = join(
      first.testDir,
      `${name}${role}${c.layout.testSuffix || (c.testStyle === "suffix-beside-source" ? ".test" : "")}${ext}`,
    );
  } else test = testFor(c, sources[0], `${name}${first.suffix}`);
  return { files: test ? [...sources, test] : sources, test, readme: join("docs", `${name}.md`) };
}

export function placeModule(c: RepoConventions, m: ModuleRequest): Placement {
  const js = c.language === "typescript" || c.language === "javascript";
  if (js && c.layout.monorepo) return packageModule(c, m);
  const layers = layersOf(m.hint ?? "").filter(
    (l) => c.layout.layers[l] || (l === "route" && c.layout.layers.controller),
  );
  if (layers.length > 0) return layerModule(c, m, layers);
  return plainModule(c, m);
}
