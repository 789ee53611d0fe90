// Orchestration overhead: a real 10-package run (an agent that only writes its file, stagger 0,
// one at a time) on a repository of about 20,000 files. Time per package outside the agent,
// next to the same git steps run by hand in a shell script (worktree add, commit, merge --no-ff,
// worktree remove).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "@/lib/server/db/client";
import { ensureMigrated } from "@/lib/server/db/ensure-migrated";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { driveRun } from "@/lib/server/engine/hosting/drive-run";
import { newOwnerId } from "@/lib/server/engine/hosting/engine-context";
import { launchRun } from "@/lib/server/engine/reconcile/prepare-workspace";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

const GIT_ID = ["-c", "user.name=bench", "-c", "user.email=bench@localhost"];
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", [...GIT_ID, ...args], { cwd, stdio: "pipe", encoding: "utf8" });

function bigRepository(root: string, files: number): string {
  const repo = path.join(root, "big");
  mkdirSync(repo);
  git(root, "init", "-q", "-b", "main", "big");
  for (let i = 0; i < files; i++) {
    const dir = path.join(repo, `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir);
    writeFileSync(path.join(dir, `file${i}.txt`), `file ${i}\n`);
  }
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "20k files");
  return repo;
}

/** The same git steps by hand, as a shell script would do them. */
function handRun(repo: string, root: string, packages: number): number {
  const integration = path.join(root, "hand-integration");
  git(repo, "branch", "hand-feature", "main");
  git(repo, "worktree", "add", "-q", integration, "hand-feature");
  const script = path.join(root, "hand.sh");
  writeFileSync(
    script,
    `set -e
cd "$1"
for i in $(seq 1 ${packages}); do
  git worktree add -q -b hand-$i "$2/wt-$i" hand-feature
  echo "package $i" > "$2/wt-$i/out-$i.txt"
  git -C "$2/wt-$i" add -A
  git -C "$2/wt-$i" ${GIT_ID.join(" ")} commit -qm "package $i"
  git -C "$3" ${GIT_ID.join(" ")} merge -q --no-ff -m "merge $i" hand-$i
  git worktree remove --force "$2/wt-$i"
  git branch -q -D hand-$i
done
`,
  );
  const start = performance.now();
  execFileSync("bash", [script, repo, root, integration], { stdio: "pipe" });
  return (performance.now() - start) / packages;
}

export async function measureOverhead(files: number, packages = 10) {
  const root = mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-overhead-"));
  try {
    const repo = bigRepository(root, files);
    const handPerPackage = handRun(repo, root, packages);

    const url = `file:${path.join(root, "bench.db")}`;
    const db = openDatabase(url);
    await ensureMigrated(db, url, process.env.FLOTILLA_HOME ?? process.cwd());
    const agent = path.join(root, "agent.mjs");
    writeFileSync(
      agent,
      `import { writeFileSync } from "node:fs"; writeFileSync("out-" + process.env.FLOTILLA_WP_ID + ".txt", "done\\n");\n`,
    );
    const project = await db.project.create({
      data: { name: "big", repoPath: repo, baseBranch: "main", agent: "custom", staggerSeconds: 0 },
    });
    const wbs = {
      task: "overhead",
      work_packages: Array.from({ length: packages }, (_, i) => ({
        id: `WP-${i + 1}`,
        name: `P${i + 1}`,
        scope: "s",
        expected_outputs: [`out-WP-${i + 1}.txt`],
        dependencies: [],
        status: "pending",
      })),
    };
    const ctx = {
      db,
      dataDir: path.join(root, "data"),
      owner: newOwnerId("bench"),
      now: () => new Date(),
      leaseMs: 30_000,
      notify: () => {},
    };
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs,
      options: {
        agent: "custom",
        agentSettings: agentSettingsSchema.parse({ customCommand: `node ${agent}` }),
        concurrency: 1,
        staggerSeconds: 0,
        reviewMode: "off",
      },
    });
    const start = performance.now();
    await launchRun(ctx, run.id);
    const status = await driveRun(ctx, run.id, { intervalMs: 20 });
    const total = performance.now() - start;
    const snapshot = await loadRunSnapshot(db, run.id);
    await db.$disconnect();
    if (status !== "completed") return { skipped: `the run ended ${status}` };
    const agentMs = snapshot.packages.reduce(
      (sum, p) =>
        sum +
        (p.latestAttempt?.endedAt && p.latestAttempt.startedAt
          ? p.latestAttempt.endedAt.getTime() - p.latestAttempt.startedAt.getTime()
          : 0),
      0,
    );
    return { oursPerPackage: (total - agentMs) / packages, handPerPackage };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
