// Exports a run's plan as the team-of-teams coordination folder: wbs.json, and per package
// instructions.md and a launch.sh that works with `claude -p`, plus launch-all.sh.
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderLaunchAllScript, renderLaunchScript } from "@/lib/core/plan/launch-script";
import { serializeWbs } from "@/lib/core/wbs/parse-wbs";
import { renderInstructions } from "@/lib/core/wbs/render-instructions";
import { computeWaves, waveCapFor } from "@/lib/core/wbs/waves";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { featureBranchOf } from "@/lib/server/engine/state/run-paths";
import { loadRunSnapshot, toWorkBreakdown } from "@/lib/server/engine/state/run-snapshot";

async function ensureEmptyFolder(dir: string): Promise<void> {
  try {
    const entries = await readdir(dir);
    if (entries.length > 0)
      throw new UserError(`${dir} already has files in it: choose a new or empty folder (nothing was written)`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === "ENOTDIR") throw new UserError(`${dir} is a file: choose a folder`);
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dir, { recursive: true });
}

export async function exportRun(db: Database, runId: string, dir: string): Promise<string[]> {
  const target = path.resolve(dir);
  const snapshot = await loadRunSnapshot(db, runId);
  await ensureEmptyFolder(target);
  const wbs = toWorkBreakdown(snapshot);
  const written = ["wbs.json"];
  await writeFile(
    path.join(target, "wbs.json"),
    serializeWbs({ ...wbs, work_packages: wbs.work_packages.map((p) => ({ ...p, status: "pending" })) }),
  );
  for (const pkg of snapshot.packages) {
    const folder = path.join(target, pkg.wpId);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "instructions.md"), renderInstructions(wbs, pkg.wpId));
    const script = path.join(folder, "launch.sh");
    await writeFile(
      script,
      renderLaunchScript({
        wpId: pkg.wpId,
        name: pkg.name,
        repoPath: snapshot.run.project.repoPath,
        baseRef: snapshot.options.baseBranch,
        branch: `${featureBranchOf(snapshot.run.slug)}--export-${pkg.wpId.toLowerCase()}`,
      }),
    );
    await chmod(script, 0o755);
    written.push(`${pkg.wpId}/instructions.md`, `${pkg.wpId}/launch.sh`);
  }
  const waves = computeWaves(wbs.work_packages, waveCapFor(snapshot.options.concurrency)).waves;
  await writeFile(path.join(target, "launch-all.sh"), renderLaunchAllScript(waves, snapshot.options.staggerSeconds));
  await chmod(path.join(target, "launch-all.sh"), 0o755);
  written.push("launch-all.sh");
  return written;
}
