// What reusing the integration worktree's node_modules saves over an npm ci per package, on a
// project with real dependencies from the npm registry.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { reuseNodeModules } from "@/lib/node/setup/reuse-dependencies";

const DEPENDENCIES = { zod: "4.6.7", execa: "9.6.1", "simple-git": "3.27.0", commander: "12.1.0", chalk: "5.3.0" };

export async function measureSetupReuse(): Promise<{ npmCiMs: number; reuseMs: number } | { skipped: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-setup-"));
  try {
    const integration = path.join(root, "integration");
    const worktree = path.join(root, "package");
    for (const dir of [integration, worktree]) {
      mkdirSync(dir);
      writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "bench-app", version: "1.0.0", dependencies: DEPENDENCIES }),
      );
    }
    try {
      execFileSync("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund"], {
        cwd: integration,
        stdio: "ignore",
        timeout: 180_000,
      });
    } catch {
      return { skipped: "the npm registry is not reachable" };
    }
    execFileSync("cp", [path.join(integration, "package-lock.json"), worktree]);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: integration, stdio: "ignore", timeout: 300_000 });
    // A package's own npm ci (warm npm cache: the fair case for the baseline).
    const fresh = path.join(root, "fresh");
    mkdirSync(fresh);
    execFileSync("cp", [path.join(integration, "package.json"), path.join(integration, "package-lock.json"), fresh]);
    let start = performance.now();
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: fresh, stdio: "ignore", timeout: 300_000 });
    const npmCiMs = performance.now() - start;
    start = performance.now();
    const reused = await reuseNodeModules(integration, worktree);
    const reuseMs = performance.now() - start;
    if (!reused) return { skipped: "node_modules was not reused" };
    return { npmCiMs, reuseMs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
