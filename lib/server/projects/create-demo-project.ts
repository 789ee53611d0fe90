// "Try the demo": a small sample git repository with a real test command, registered as a
// project that uses the built-in demo agent, so a newcomer can run the whole flow offline.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "@/lib/server/db/client";
import { appendEvent } from "@/lib/server/events/append-event";

const exec = promisify(execFile);

export const DEMO_TASK = "build a full authentication system with OAuth, RBAC, and audit logging";

const FILES: Record<string, string> = {
  "README.md":
    "# Demo shop\n\nA small sample project for trying Flotilla. `npm test` checks that every module under src/ loads.\n",
  "package.json": `${JSON.stringify({ name: "demo-shop", version: "1.0.0", private: true, type: "module", scripts: { test: "node --test" } }, null, 2)}\n`,
  "src/index.js": '// The shop\'s entry point.\nexport const shopName = "Demo shop";\n',
  "test/modules.test.js": `import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";

test("every module under src loads", async () => {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(\`\${dir}/\${e.name}\`) : [\`\${dir}/\${e.name}\`]));
  for (const file of walk("src").filter((f) => f.endsWith(".js"))) {
    const module = await import(new URL(\`../\${file}\`, import.meta.url));
    assert.ok(module, file);
  }
});
`,
};

export async function createDemoProject(db: Database, dataDir: string) {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:T.Z]/g, "")
    .slice(0, 14);
  const repo = path.join(dataDir, "demo-repos", `demo-shop-${stamp}`);
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), text);
  }
  const git = (...args: string[]) =>
    exec(
      "git",
      ["-c", "user.name=Flotilla", "-c", "user.email=flotilla@localhost", "-c", "init.defaultBranch=main", ...args],
      { cwd: repo },
    );
  await git("init", "-q");
  await git("add", "-A");
  await git("commit", "-q", "-m", "Demo shop: initial commit");
  const project = await db.project.create({
    data: {
      name: `Demo shop ${stamp.slice(8, 10)}:${stamp.slice(10, 12)}`,
      repoPath: repo,
      baseBranch: "main",
      agent: "demo",
      testCommand: "npm test",
      staggerSeconds: 2,
    },
  });
  await appendEvent(db, { type: "project.registered", projectId: project.id, payload: { repoPath: repo, demo: true } });
  return project;
}
