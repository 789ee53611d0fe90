// Removing files on a database row's word: only what lies inside a given folder, after following
// symbolic links, so a path stored (or tampered with) as "/home/me" or "../.." is never removed.
import { realpathSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";

/** The real path of `target` (or of its nearest existing parent, for a path that is gone). */
function realish(target: string): string {
  const resolved = path.resolve(target);
  let existing = resolved;
  while (true) {
    try {
      return path.join(realpathSync(existing), path.relative(existing, resolved));
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return resolved;
      existing = parent;
    }
  }
}

/** True when `target` lies strictly inside `folder` (not the folder itself). */
export function isInsideFolder(folder: string, target: string): boolean {
  const relative = path.relative(realish(folder), realish(target));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Removes `target` recursively when it lies inside `folder`; returns false (and removes nothing) otherwise. */
export async function removeInsideFolder(folder: string, target: string): Promise<boolean> {
  if (!isInsideFolder(folder, target)) return false;
  await rm(target, { recursive: true, force: true });
  return true;
}
