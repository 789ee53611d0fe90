// "Viewed" marks on a diff's files, like a pull request's: a mark counts only while the file's
// change is the one that was viewed, and a viewed file starts collapsed.

/** Which diff of a run a mark belongs to: the merged feature branch, or one package's changes. */
export type DiffScope = { kind: "feature" } | { kind: "package"; wpId: string };

export const FEATURE_SCOPE: DiffScope = { kind: "feature" };

/** The scope as stored ("feature", "package:WP-1"): a package id can never be read as the feature branch. */
export function scopeKey(scope: DiffScope): string {
  return scope.kind === "feature" ? "feature" : `package:${scope.wpId}`;
}

/** The scope of a diff shown for `wpId` (none: the feature branch). */
export function scopeOf(wpId: string | null | undefined): DiffScope {
  return wpId ? { kind: "package", wpId } : FEATURE_SCOPE;
}

export interface ViewedMark {
  path: string;
  fileVersion: string;
}

/** The files still viewed: marked, and changed exactly as they were when marked. */
export function viewedPaths(
  marks: readonly ViewedMark[],
  files: ReadonlyArray<{ path: string; version: string }>,
): Set<string> {
  const current = new Map(files.map((f) => [f.path, f.version]));
  return new Set(marks.filter((m) => current.get(m.path) === m.fileVersion).map((m) => m.path));
}

/** A file is collapsed when a person said so, else when it is viewed. */
export function isCollapsed(path: string, viewed: ReadonlySet<string>, toggled: Readonly<Record<string, boolean>>) {
  return toggled[path] ?? viewed.has(path);
}
