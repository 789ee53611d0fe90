// The agent integration tests against the registry's latest Claude Code, Codex and Gemini CLIs
// (besides the pinned copies `npm test` uses), so a change in a CLI's output is found the day it
// ships. Each CLI is installed into a temporary folder that goes first on PATH, as a user's own
// install would; each test file runs on its own and its result names the CLI and version.
// Prints "N passed, M failed" last; exits 1 on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const CLIS = [
  {
    name: "Claude Code",
    pkg: "@anthropic-ai/claude-code",
    bin: "claude",
    test: "lib/server/engine/reconcile/claude-code.test.ts",
  },
  { name: "Codex CLI", pkg: "@openai/codex", bin: "codex", test: "lib/server/engine/reconcile/codex.test.ts" },
  { name: "Gemini CLI", pkg: "@google/gemini-cli", bin: "gemini", test: "lib/server/engine/reconcile/gemini.test.ts" },
];

const only = process.argv.slice(2);
const dir = mkdtempSync(path.join(os.tmpdir(), "flotilla-latest-agents-"));
let passed = 0;
let failed = 0;
const lines = [];
try {
  for (const cli of CLIS.filter((c) => only.length === 0 || only.includes(c.bin))) {
    const prefix = path.join(dir, cli.bin);
    const install = spawnSync(
      "npm",
      ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `${cli.pkg}@latest`],
      { encoding: "utf8" },
    );
    const bin = path.join(prefix, "node_modules", ".bin");
    if (install.status !== 0 || !existsSync(path.join(bin, cli.bin))) {
      failed += 1;
      lines.push(
        `${cli.name} (latest): could not install ${cli.pkg}@latest: ${(install.stderr || install.stdout).trim().slice(0, 500)}`,
      );
      continue;
    }
    const printed = spawnSync(path.join(bin, cli.bin), ["--version"], { encoding: "utf8" }).stdout ?? "";
    const version = printed.trim().split("\n")[0] || "(its --version printed nothing)";
    console.log(`--- ${cli.name} ${version} (${cli.pkg}@latest)`);
    const report = path.join(dir, `${cli.bin}.json`);
    const run = spawnSync(
      "npx",
      [
        "--no-install",
        "vitest",
        "run",
        cli.test,
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
      ],
      { cwd: root, stdio: "inherit", env: { ...process.env, FLOTILLA_AGENT_BIN: bin } },
    );
    const result = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")) : null;
    const ok = result?.numPassedTests ?? 0;
    const bad = result ? result.numFailedTests + (run.status !== 0 && result.numFailedTests === 0 ? 1 : 0) : 1;
    passed += ok;
    failed += bad;
    lines.push(`${cli.name} ${version} (latest): ${ok} passed, ${bad} failed`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log("");
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
