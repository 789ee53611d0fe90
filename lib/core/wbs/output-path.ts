// Rules for a package's expected outputs: each must be an explicit file path, relative to the
// repository root and inside it. The workflow this grew from forbids vague outputs such as
// "the auth module", because an agent cannot be held to them and overlaps cannot be detected.

export interface OutputPathProblem {
  severity: "error" | "warning";
  code: string;
  message: string;
}

const GLOB_CHARS = /[*?[\]{}]/;
// C0 controls and DEL: never part of a real file name we want an agent to write.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const EXTENSIONLESS_FILES = new Set([
  "makefile",
  "dockerfile",
  "containerfile",
  "procfile",
  "gemfile",
  "rakefile",
  "brewfile",
  "jenkinsfile",
  "vagrantfile",
  "license",
  "licence",
  "readme",
  "changelog",
  "codeowners",
  "notice",
  "authors",
  "justfile",
  "caddyfile",
  "pipfile",
]);

/** The comparable form of a path: no "./" segments, no doubled slashes. */
export function normalizeOutputPath(raw: string): string {
  return raw
    .trim()
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

function hasExtension(fileName: string): boolean {
  // ".env" or ".gitignore" count as named files; "a.ts" has an extension.
  return fileName.startsWith(".") ? fileName.length > 1 : /\.[A-Za-z0-9_+-]+$/.test(fileName);
}

/** Checks one expected output; returns null when it is an acceptable explicit file path. */
export function checkOutputPath(raw: string): OutputPathProblem | null {
  const error = (code: string, message: string): OutputPathProblem => ({ severity: "error", code, message });
  const shown = JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);

  if (raw.trim() === "") {
    return error("output-empty", "an expected output is empty: write a file path such as src/auth/oauth.ts");
  }
  if (CONTROL_CHARS.test(raw)) {
    return error(
      "output-control-char",
      `${shown} contains a control character (such as a NUL byte or a newline): remove it`,
    );
  }
  if (raw !== raw.trim()) {
    return error("output-whitespace", `${shown} starts or ends with spaces: remove them`);
  }
  if (raw.includes("\\")) {
    return error(
      "output-backslash",
      `${shown} uses a backslash: write paths with forward slashes, e.g. src/auth/oauth.ts`,
    );
  }
  if (raw.startsWith("/") || raw.startsWith("~") || /^[A-Za-z]:/.test(raw)) {
    return error(
      "output-absolute",
      `${shown} is an absolute path: write it relative to the repository root, e.g. src/auth/oauth.ts`,
    );
  }
  const segments = raw.split("/");
  if (segments.includes("..")) {
    return error("output-escapes", `${shown} uses ".." and could leave the repository: write a path inside it`);
  }
  if (GLOB_CHARS.test(raw)) {
    return error("output-glob", `${shown} is a pattern, not a file: list each file it stands for explicitly`);
  }
  const normalized = normalizeOutputPath(raw);
  if (normalized.split("/")[0] === ".git") {
    return error("output-git-dir", `${shown} is inside .git: name a file of the project instead`);
  }
  if (raw.endsWith("/") || normalized === "") {
    return error(
      "output-directory",
      `${shown} names a folder: list the files it will contain, e.g. ${normalized || "src"}/index.ts`,
    );
  }
  const fileName = normalized.split("/").pop() ?? normalized;
  if (!hasExtension(fileName) && /\s/.test(raw)) {
    return error(
      "output-vague",
      `${shown} reads like a description, not a file path: name the file, e.g. src/${fileName.split(/\s+/).pop()}/index.ts`,
    );
  }
  if (!hasExtension(fileName) && !EXTENSIONLESS_FILES.has(fileName.toLowerCase())) {
    return {
      severity: "warning",
      code: "output-no-extension",
      message: `${shown} has no file extension: make sure it names a file, not a folder or a topic`,
    };
  }
  return null;
}
