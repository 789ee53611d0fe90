// Which changed files fall outside a package's expected outputs (a warning, not a failure).
import { normalizeOutputPath } from "../wbs/output-path";

export function outOfScopeFiles(changed: readonly string[], expected: readonly string[]): string[] {
  const allowed = new Set(expected.map(normalizeOutputPath));
  return changed.filter((file) => !allowed.has(normalizeOutputPath(file))).sort();
}
