// What the server-side benchmarks share: a tiny committed repository, and a project on the bench
// server's database whose custom agent is a benchmark script.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { agentSettingsSchema } from "@/lib/core/agents/agent-types";
import { openDatabase } from "@/lib/server/db/client";
import type { BenchServer } from "./server";

export const LOG_AGENT = path.join(import.meta.dirname, "fixtures", "log-agent.mjs");

export function tinyRepository(): string {
  const repo = path.join(mkdtempSync(path.join(os.tmpdir(), "flotilla-bench-repo-")), "app");
  mkdirSync(repo);
  writeFileSync(path.join(repo, "README.md"), "# app\n");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=b", "-c", "user.email=b@b", ...args], { cwd: repo, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "init");
  return repo;
}

/** A project whose agent is the log agent with these per-package modes (see fixtures/log-agent.mjs). */
export async function logAgentProject(
  server: BenchServer,
  name: string,
  modes: string,
  concurrency = 10,
): Promise<string> {
  const db = openDatabase(`file:${path.join(server.dataDir, "flotilla.db")}`);
  try {
    const project = await db.project.create({
      data: {
        name,
        repoPath: tinyRepository(),
        baseBranch: "main",
        agent: "custom",
        staggerSeconds: 0,
        concurrency,
        reviewMode: "off",
        timeoutSeconds: 900,
        agentSettings: JSON.stringify(
          agentSettingsSchema.parse({ customCommand: `${process.execPath} ${LOG_AGENT} ${modes}` }),
        ),
      },
    });
    return project.id;
  } finally {
    await db.$disconnect();
  }
}

/** A plan of `count` independent packages, each writing out/wp-N.txt. */
export const logPlan = (task: string, count: number) => ({
  task,
  work_packages: Array.from({ length: count }, (_, i) => ({
    id: `WP-${i + 1}`,
    name: `Package ${i + 1}`,
    scope: "s",
    expected_outputs: [`out/wp-${i + 1}.txt`],
    dependencies: [],
  })),
});

export async function startRun(server: BenchServer, projectId: string, wbs: object): Promise<string> {
  const created = await fetch(`${server.base}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ projectId, wbs }),
  });
  if (created.status !== 201) throw new Error(`could not start the run: ${await created.text()}`);
  return ((await created.json()) as { runId: string }).runId;
}
