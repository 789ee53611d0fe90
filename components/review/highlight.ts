// Syntax highlighting for diffs: refractor (Prism grammars) adapted to react-diff-view, which
// expects highlight() to return the node list (refractor 4+ returns a root node).
import { refractor } from "refractor";

const LANGUAGES: Record<string, string> = {
  ts: "typescript",
  tsx: "tsx",
  mts: "typescript",
  js: "javascript",
  jsx: "jsx",
  mjs: "javascript",
  cjs: "javascript",
  py: "python",
  go: "go",
  rs: "rust",
  java: "java",
  rb: "ruby",
  json: "json",
  md: "markdown",
  css: "css",
  scss: "scss",
  html: "markup",
  xml: "markup",
  svg: "markup",
  sh: "bash",
  bash: "bash",
  yml: "yaml",
  yaml: "yaml",
  sql: "sql",
  toml: "toml",
  c: "c",
  h: "c",
  cpp: "cpp",
};

export const refractorAdapter = {
  highlight: (code: string, language: string) => refractor.highlight(code, language).children,
};

/** The Prism language of a file, when refractor knows it. */
export function languageOf(path: string): string | null {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  const language = LANGUAGES[ext];
  return language && refractor.registered(language) ? language : null;
}
