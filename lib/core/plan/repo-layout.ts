// Where a repository keeps each kind of file, learned from its file list: a monorepo's packages
// (entry file, test file, name prefix), layer folders (models, routes, controllers, services) and
// the tests beside them, and how its tests are named and foldered.

export type Layer = "model" | "route" | "controller" | "service";

export interface LayerHome {
  /** Folder of the layer's files, e.g. "src/routes/v1". */
  dir: string;
  /** Role in the file name, e.g. ".model" in "user.model.js" ("" when names are plain). */
  suffix: string;
  /** Where this layer's tests live, when the repository shows it (e.g. "tests/unit/models"). */
  testDir: string | null;
  /** Whether those tests keep the role: "user.model.test.js" (true) or "user.test.js" (false). */
  testKeepsSuffix: boolean;
}

export interface MonorepoLayout {
  /** The packages' folder, e.g. "packages". */
  root: string;
  /** Shared name prefix, e.g. "babel-" ("" when there is none). */
  prefix: string;
  /** Entry file inside a package, e.g. "src/index.ts". */
  entry: string;
  /** Test file inside a package, e.g. "test/index.js" or "src/index.test.ts". */
  test: string;
  /** Names of the existing packages' folders. */
  packages: string[];
}

export interface RepoLayout {
  monorepo: MonorepoLayout | null;
  layers: Partial<Record<Layer, LayerHome>>;
  /** How JS/TS test files are marked: ".test", ".spec", or "" (express's test/app.use.js). */
  testSuffix: ".test" | ".spec" | "";
  /** Whether tests repeat the source folders (tests/http/router.test.ts) or sit flat. */
  mirrorTests: boolean;
  /** The README at the root, as spelled there ("Readme.md"), or null. */
  readme: string | null;
}

const NOT_CODE = /(^|\/)(examples?|docs?|docs_src|scripts|fixtures|__fixtures__|testdata|benchmarks?|website)\//;
const TEST_DIR = /^(tests?|__tests__|spec)\//;
const HELPER_DIR = /(^|\/)(helpers?|fixtures|__fixtures__|__snapshots__|support|utils|mocks?)\//;
const LAYER_DIRS: Record<Layer, RegExp> = {
  model: /^(?:models?|entities|schemas)$/,
  route: /^(?:routes|routers?|endpoints|handlers)$/,
  controller: /^controllers$/,
  service: /^services$/,
};
const ROLES = /^(?:model|route|routes|router|controller|service|schema|entity|handler)$/;

export const isTestFile = (file: string) =>
  /(^|\/)(tests?|__tests__|spec)\//.test(file) ||
  /[._-](test|spec)\.[a-z]+$/.test(file) ||
  /(^|\/)test_[^/]+\.py$/.test(file) ||
  /_test\.go$/.test(file);

const dirOf = (file: string) => (file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "");
const baseOf = (file: string) => file.slice(file.lastIndexOf("/") + 1);
const extOf = (file: string) => /\.[A-Za-z0-9]+$/.exec(file)?.[0] ?? "";
/** "user.model.test.js" → "user.model"; "test_cart.py" → "cart"; "fs_test.go" → "fs". */
const testStem = (file: string) =>
  baseOf(file)
    .replace(/\.[A-Za-z0-9]+$/, "")
    .replace(/[._-](?:test|spec)$/, "")
    .replace(/^test_/, "")
    .replace(/_test$/, "");
const roleOf = (stem: string) => {
  const role = /\.([a-z]+)$/.exec(stem)?.[1];
  return role && ROLES.test(role) ? role : "";
};

export function mostCommon<T>(items: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A JS/TS monorepo: two or more `packages/<name>/package.json` (or libs/, modules/). */
function detectMonorepo(files: readonly string[]): MonorepoLayout | null {
  for (const root of ["packages", "libs", "modules"]) {
    const names = files
      .map((f) => new RegExp(`^${root}/([^/]+)/package\\.json$`).exec(f)?.[1])
      .filter((n): n is string => !!n);
    if (names.length < 2) continue;
    const entries: string[] = [];
    const tests: string[] = [];
    for (const name of names) {
      const own = files
        .filter((f) => f.startsWith(`${root}/${name}/`))
        .map((f) => f.slice(root.length + name.length + 2));
      const entry = own.find((f) => /^(?:src\/|lib\/)?index\.[cm]?[jt]sx?$/.test(f));
      if (entry) entries.push(entry);
      const ownTests = own.filter((f) => isTestFile(f) && !HELPER_DIR.test(f) && /\.[cm]?[jt]sx?$/.test(f));
      const test = ownTests.find((f) => testStem(f) === "index") ?? ownTests[0];
      if (test) tests.push(`${dirOf(test) ? `${dirOf(test)}/` : ""}index${testMarkOf(test)}${extOf(test)}`);
    }
    const entry = mostCommon(entries) ?? "src/index.ts";
    const firsts = names.map((n) => (n.includes("-") ? n.slice(0, n.indexOf("-") + 1) : ""));
    const prefix = mostCommon(firsts.filter(Boolean)) ?? "";
    const shared = firsts.filter((f) => f === prefix).length;
    return {
      root,
      prefix: prefix && shared >= 3 && shared >= (names.length * 2) / 3 ? prefix : "",
      entry,
      test: mostCommon(tests) ?? `test/index.test${extOf(entry)}`,
      packages: names,
    };
  }
  return null;
}

const testMarkOf = (file: string) =>
  /[._-](test|spec)\.[A-Za-z0-9]+$/.exec(file)?.[0].slice(0, -extOf(file).length) ?? "";

/** Layer folders under the source folder, with their naming and the tests that cover them. */
function detectLayers(sources: readonly string[], tests: readonly string[], sourceDir: string) {
  const layers: Partial<Record<Layer, LayerHome>> = {};
  for (const [layer, pattern] of Object.entries(LAYER_DIRS) as Array<[Layer, RegExp]>) {
    const inLayer = sources.filter((f) => {
      if (sourceDir && !f.startsWith(`${sourceDir}/`)) return false;
      return dirOf(f)
        .split("/")
        .some((segment) => pattern.test(segment));
    });
    const dir = mostCommon(inLayer.map(dirOf).filter((d) => !/\/(?:plugins|helpers|utils)$/.test(d)));
    if (!dir) continue;
    const stems = inLayer.filter((f) => dirOf(f) === dir).map(testStem);
    const roles = stems.map(roleOf);
    const role = mostCommon(roles.filter(Boolean));
    const suffix = role && roles.filter((r) => r === role).length * 2 >= stems.length ? `.${role}` : "";
    const plain = new Set(stems.map((s) => (suffix && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s)));
    plain.delete("index");
    // Tests named with the role ("user.model.test.js") are this layer's own; plain names may be shared.
    const exact = suffix
      ? tests.filter(
          (t) => plain.has(testStem(t).replace(new RegExp(`\\${suffix}$`), "")) && testStem(t).endsWith(suffix),
        )
      : [];
    const covering = exact.length > 0 ? exact : tests.filter((t) => plain.has(testStem(t)));
    const testDir = mostCommon(covering.map(dirOf)) ?? null;
    const keeps = exact.length > 0;
    layers[layer] = { dir, suffix, testDir, testKeepsSuffix: keeps };
  }
  return layers;
}

/** Reads the layout from the repository's files: `sources` and `tests` in its main language. */
export function detectLayout(
  files: readonly string[],
  own: readonly string[],
  sourceDir: string,
  testDir: string,
): RepoLayout {
  const code = own.filter((f) => !NOT_CODE.test(f));
  const tests = code.filter(isTestFile);
  const sources = code.filter((f) => !isTestFile(f));
  const marks = tests.filter((f) => /\.[cm]?[jt]sx?$/.test(f) && !HELPER_DIR.test(f)).map(testMarkOf);
  const mark = mostCommon(marks) ?? ".test";
  const sourceFolders = new Set(
    sources
      .filter((f) => f.startsWith(`${sourceDir}/`))
      .flatMap((f) => dirOf(f.slice(sourceDir.length + 1)).split("/"))
      .filter(Boolean),
  );
  const inTestDir = tests.filter((f) => TEST_DIR.test(f) && f.startsWith(`${testDir}/`) && !HELPER_DIR.test(f));
  // tests/unit/models/user.model.test.js repeats src/models: new tests repeat their folder too.
  const mirrored = inTestDir.some((f) =>
    dirOf(f)
      .split("/")
      .some((segment, i) => i > 0 && sourceFolders.has(segment)),
  );
  return {
    monorepo: detectMonorepo(files),
    layers: detectLayers(sources, tests, sourceDir),
    testSuffix: mark === ".spec" || mark === "" ? mark : ".test",
    mirrorTests: mirrored || inTestDir.length === 0,
    readme: files.find((f) => /^readme(?:\.(?:md|markdown|rst|txt))?$/i.test(f)) ?? null,
  };
}
