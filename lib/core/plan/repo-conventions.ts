// How a repository lays out its code, read from its file list: language and extension, source
// folder, test folder and style, naming style, and its layout (monorepo packages, layer folders).
// The offline planner follows it (files are placed by place-files.ts).
import { detectLayout, isTestFile, mostCommon, type RepoLayout } from "./repo-layout";

export type Language = "typescript" | "javascript" | "python" | "go" | "rust" | "java" | "ruby" | "other";
export type NamingStyle = "kebab" | "snake" | "camel" | "pascal";
export type TestStyle =
  "suffix-in-test-dir" | "suffix-beside-source" | "python" | "go" | "rust" | "java" | "ruby" | "none";

export interface RepoConventions {
  language: Language;
  /** Extension of new source files, with the dot. */
  extension: string;
  /** Folder new modules go under ("" for the repository root). */
  sourceDir: string;
  /** Folder tests go under, when tests live apart from sources. */
  testDir: string;
  testStyle: TestStyle;
  naming: NamingStyle;
  layout: RepoLayout;
}

const IGNORED = /(^|\/)(node_modules|\.git|dist|build|out|vendor|target|\.next|coverage|__pycache__|\.venv|venv)\//;
const LANGUAGE_OF: Record<string, Language> = {
  ".ts": "typescript",
  ".tsx": "typescript",
  ".mts": "typescript",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".py": "python",
  ".go": "go",
  ".rs": "rust",
  ".java": "java",
  ".rb": "ruby",
};
const DEFAULT_EXTENSION: Record<Language, string> = {
  typescript: ".ts",
  javascript: ".js",
  python: ".py",
  go: ".go",
  rust: ".rs",
  java: ".java",
  ruby: ".rb",
  other: ".md",
};
const DEFAULT_NAMING: Record<Language, NamingStyle> = {
  typescript: "kebab",
  javascript: "kebab",
  python: "snake",
  go: "snake",
  rust: "snake",
  java: "pascal",
  ruby: "snake",
  other: "kebab",
};
const extensionOf = (file: string) => /\.[A-Za-z0-9]+$/.exec(file)?.[0].toLowerCase() ?? "";

function namingOf(names: string[], fallback: NamingStyle): NamingStyle {
  const styles = names.flatMap((n): NamingStyle[] => {
    if (n.includes("-")) return ["kebab"];
    if (n.includes("_")) return ["snake"];
    if (/^[A-Z][a-z0-9]+[A-Z]/.test(n)) return ["pascal"];
    if (/^[a-z][a-z0-9]*[A-Z]/.test(n)) return ["camel"];
    return [];
  });
  return mostCommon(styles) ?? fallback;
}

/** Reads conventions from the repository's tracked files (paths relative to its root). */
export function detectConventions(files: readonly string[]): RepoConventions {
  const tracked = files.filter((f) => !IGNORED.test(`${f}/`) && !IGNORED.test(f));
  const sources = tracked.filter(
    (f) => LANGUAGE_OF[extensionOf(f)] && !/\.d\.ts$/.test(f) && !/(^|\/)(\.?[a-z]+\.config|setup)\.[a-z]+$/.test(f),
  );
  const language =
    mostCommon(sources.map((f) => LANGUAGE_OF[extensionOf(f)])) ??
    (tracked.includes("go.mod")
      ? "go"
      : tracked.includes("pyproject.toml") || tracked.includes("setup.py")
        ? "python"
        : tracked.includes("Cargo.toml")
          ? "rust"
          : tracked.includes("package.json")
            ? "typescript"
            : "other");
  const own = sources.filter((f) => LANGUAGE_OF[extensionOf(f)] === language);
  const nonTest = own.filter((f) => !isTestFile(f));
  const tests = own.filter(isTestFile);
  const extension =
    language === "typescript"
      ? own.filter((f) => f.endsWith(".tsx")).length > own.length / 2
        ? ".tsx"
        : ".ts"
      : (mostCommon(own.map(extensionOf)) ?? DEFAULT_EXTENSION[language]);

  let sourceDir: string;
  if (language === "python") {
    const packageDirs = tracked
      .filter((f) => /__init__\.py$/.test(f) && !isTestFile(f) && !/^(?:docs?|docs_src|examples?|scripts)\//.test(f))
      .map((f) => f.split("/").slice(0, -1).join("/"))
      .filter(Boolean);
    sourceDir =
      packageDirs.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))[0] ??
      (tracked.some((f) => f.startsWith("src/")) ? "src" : "");
  } else if (language === "go") {
    sourceDir =
      nonTest.some((f) => f.startsWith("internal/")) || !nonTest.some((f) => f.startsWith("pkg/")) ? "internal" : "pkg";
  } else if (language === "rust") {
    sourceDir = "src";
  } else if (language === "java") {
    const dirs = nonTest.map((f) => f.split("/").slice(0, -1).join("/"));
    sourceDir = mostCommon(dirs) ?? "src/main/java";
  } else {
    const tops = nonTest.map((f) => (f.includes("/") ? f.split("/")[0] : ""));
    const preferred = ["src", "lib", "app", "source"].find((d) => tops.includes(d));
    sourceDir = preferred ?? mostCommon(tops.filter(Boolean)) ?? "src";
  }

  const testDirs = tests.map((f) => /^(tests?|__tests__|spec)\//.exec(f)?.[1]).filter((d): d is string => !!d);
  let testStyle: TestStyle;
  let testDir = mostCommon(testDirs) ?? "";
  if (language === "python") {
    testStyle = "python";
    testDir ||= "tests";
  } else if (language === "go") testStyle = "go";
  else if (language === "rust") testStyle = "rust";
  else if (language === "java") {
    testStyle = "java";
    testDir = "src/test/java";
  } else if (language === "ruby") {
    testStyle = "ruby";
    testDir ||= "spec";
  } else if (language === "typescript" || language === "javascript") {
    const beside = tests.filter((f) => !/^(tests?|__tests__|spec)\//.test(f)).length;
    testStyle = beside > testDirs.length ? "suffix-beside-source" : "suffix-in-test-dir";
    testDir ||= "tests";
  } else testStyle = "none";

  const names = nonTest
    .map((f) =>
      f
        .split("/")
        .pop()!
        .replace(/\.[^.]+$/, ""),
    )
    .filter((n) => n !== "index" && n !== "__init__" && n !== "main" && n !== "mod");
  return {
    language,
    extension,
    sourceDir,
    testDir,
    testStyle,
    naming: namingOf(names, DEFAULT_NAMING[language]),
    layout: detectLayout(tracked, own, sourceDir, testDir),
  };
}

/** A topic's words in the repository's naming style: ["audit", "logging"] → audit-logging / audit_logging / auditLogging / AuditLogging. */
export function styleName(words: readonly string[], naming: NamingStyle): string {
  const clean = words.map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, "")).filter(Boolean);
  if (clean.length === 0) return "module";
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  switch (naming) {
    case "snake":
      return clean.join("_");
    case "camel":
      return clean[0] + clean.slice(1).map(cap).join("");
    case "pascal":
      return clean.map(cap).join("");
    default:
      return clean.join("-");
  }
}
