// "Try the demo": a small sample git repository with a real test command, registered as a
// project that uses the built-in demo agent, so a newcomer can run the whole flow offline.
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { initRepository } from "@/lib/node/git/git-ops";
import type { Database } from "@/lib/server/db/client";
import { appendEvent } from "@/lib/server/events/append-event";

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

/**
 * The demo project: the same one every time "Try the demo" is pressed (made again only if its
 * folder or its row is gone), so the home page does not fill up with copies.
 */
export async function createDemoProject(db: Database, dataDir: string) {
  const repo = path.join(dataDir, "demo-repos", "demo-shop");
  const existing = await db.project.findUnique({ where: { repoPath: repo } });
  if (existing && existsSync(path.join(repo, ".git"))) return existing;
  if (existing) await db.project.delete({ where: { id: existing.id } });
  await rm(repo, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), text);
  }
  await initRepository(repo, "Demo shop: initial commit");
  const project = await db.project.create({
    data: {
      name: "Demo shop",
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
