// What the live conflict forecast costs: 10 package branches on a repository with some history,
// each checked against the feature branch and every other one (55 `git merge-tree` calls).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { forecastPairs } from "@/lib/core/run/conflict-forecast";
import { predictConflicts } from "@/lib/node/git/git-ops";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args], {
    cwd,
    encoding: "utf8",
  });

export async function measureConflictForecast(packages = 10, rounds = 5): Promise<{ medianMs: number; pairs: number }> {
  const repo = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-forecast-"));
  try {
    git(repo, "init", "-q", "-b", "main");
    // 300 files over 30 commits, then a registry every package appends to.
    for (let c = 0; c < 30; c++) {
      for (let f = 0; f < 10; f++) {
        mkdirSync(path.join(repo, "src", `m${f}`), { recursive: true });
        writeFileSync(path.join(repo, "src", `m${f}`, `file-${c}.js`), `export const v = ${c};\n`);
      }
      git(repo, "add", "-A");
      git(repo, "commit", "-q", "-m", `commit ${c}`);
    }
    writeFileSync(path.join(repo, "src", "registry.js"), "export const plugins = [\n];\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "registry");
    const ids = Array.from({ length: packages }, (_, i) => `WP-${i + 1}`);
    const tips = new Map<string, string>();
    for (const id of ids) {
      git(repo, "checkout", "-q", "-b", id, "main");
      writeFileSync(path.join(repo, "src", `${id}.js`), `export const id = "${id}";\n`);
      writeFileSync(path.join(repo, "src", "registry.js"), `export const plugins = [\n  "${id}",\n];\n`);
      git(repo, "add", "-A");
      git(repo, "commit", "-q", "-m", id);
      tips.set(id, git(repo, "rev-parse", "HEAD").trim());
    }
    const feature = git(repo, "rev-parse", "main").trim();
    const pairs = forecastPairs(ids);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      for (const [a, b] of pairs) await predictConflicts(repo, b ? tips.get(b)! : feature, tips.get(a)!);
      times.push(performance.now() - start);
    }
    times.sort((x, y) => x - y);
    return { medianMs: times[Math.floor(times.length / 2)], pairs: pairs.length };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/** The shared-file forecast's history read on a 100,000-commit repository (built with git fast-import). */
export async function measureHistoryForecast(commits = 100_000): Promise<{ ms: number; commits: number }> {
  const repo = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-history-"));
  try {
    git(repo, "init", "-q", "-b", "main");
    const lines: string[] = [];
    for (let i = 1; i <= commits; i++) {
      const folder = `src/area-${i % 300}`;
      const body = `export const n = ${i};\n`;
      lines.push(
        "commit refs/heads/main",
        `mark :${i}`,
        `committer bench <bench@example.com> ${1_700_000_000 + i} +0000`,
        "data 8",
        `commit ${String(i % 10)}`,
        ...(i > 1 ? [`from :${i - 1}`] : []),
        `M 100644 inline ${folder}/file-${i % 7}.js`,
        `data ${Buffer.byteLength(body)}`,
        body,
        // Every tenth commit also wires the change into the app.
        ...(i % 10 === 0 ? [`M 100644 inline src/app.js`, `data ${Buffer.byteLength(body)}`, body] : []),
      );
    }
    execFileSync("git", ["fast-import", "--quiet"], { cwd: repo, input: lines.join("\n"), maxBuffer: 1 << 30 });
    git(repo, "checkout", "-q", "main");
    const { forecastInputs } = await import("@/lib/server/plan/shared-files");
    const start = performance.now();
    await forecastInputs(repo, "main");
    return { ms: performance.now() - start, commits };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
