// Makes set-up cheap where it is safe: when the integration worktree already has node_modules
// installed and a package's worktree has byte-identical lockfiles, the package gets a hard-linked
// copy of node_modules (seconds, almost no disk) instead of its own install. Python virtualenvs
// are not relocatable, so only node_modules is reused.
import { execa } from "execa";
import { existsSync } from "node:fs";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";

const LOCKFILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"];

async function sameLockfiles(from: string, to: string): Promise<boolean> {
  const present = LOCKFILES.filter((f) => existsSync(path.join(from, f)));
  if (present.length === 0) return false;
  for (const file of present) {
    const target = path.join(to, file);
    if (!existsSync(target)) return false;
    const [a, b] = await Promise.all([readFile(path.join(from, file)), readFile(target)]);
    if (!a.equals(b)) return false;
  }
  return true;
}

/** Copies node_modules from `integration` into `worktree` when that is safe; true when it did. */
export async function reuseNodeModules(integration: string, worktree: string): Promise<boolean> {
  const source = path.join(integration, "node_modules");
  const target = path.join(worktree, "node_modules");
  if (!existsSync(source) || existsSync(target) || !(await sameLockfiles(integration, worktree))) return false;
  // Hard links where the platform's cp offers them (GNU cp -al); a plain copy otherwise.
  const linked = await execa("cp", ["-al", source, target], { reject: false });
  if (linked.exitCode !== 0) await cp(source, target, { recursive: true, verbatimSymlinks: true });
  return true;
}
