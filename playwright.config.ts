import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${port}`;
export const E2E_FAKE_KEY = "sk-ant-e2e-fake-0123456789abcdef";
export const E2E_DATA_DIR = path.join(os.tmpdir(), `flotilla-e2e-${port}`);
/** Its own build folder per port, so two sessions' browser tests can run side by side. */
export const E2E_DIST_DIR = port === 3100 ? ".next-e2e" : `.next-e2e-${port}`;
const results = port === 3100 ? "test-results" : `test-results/port-${port}`;
/** The fake Anthropic Messages API the Claude Code journeys start; the real CLI talks to it. */
export const E2E_FAKE_API_PORT = port + 1;
/** The private CODEX_HOME that points Codex at the fake Responses API the Codex journey starts. */
export const E2E_CODEX_HOME = `${E2E_DATA_DIR}-codex`;
/** Where the fake gh (e2e/fixtures/bin/gh, first on the server's PATH) records its calls (e2e/deliver.spec.ts). */
export const E2E_FAKE_GH_LOG = path.join(os.tmpdir(), `flotilla-e2e-${port}-gh.jsonl`);

export default defineConfig({
  testDir: "e2e",
  outputDir: `${results}/e2e`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // One retry, as in vitest.config.ts: a journey that passes only on its retry is still named
  // ("flaky: …") in the summary of scripts/test.mjs.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: `${results}/e2e-report.json` }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Browsers cannot be downloaded here: Debian's Chromium, quiet on a closed network.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Its own build folder, port and throwaway database: never touches a developer's app or data.
    command: "node scripts/e2e-server.mjs",
    url: E2E_BASE_URL,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      FLOTILLA_DIST_DIR: E2E_DIST_DIR,
      FLOTILLA_DATA_DIR: E2E_DATA_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      FLOTILLA_DEMO_DELAY_MS: "800",
      // An engine move the transition tables do not allow fails loudly here.
      FLOTILLA_STRICT_TRANSITIONS: "1",
      // The machine's load here is the test suite's own: journeys that need agents side by side
      // must get them. Memory still holds agents back (the spend-and-load journey forces that).
      FLOTILLA_ADMISSION: "memory",
      // A fake key: it must never reach the database, the UI or a report.
      ANTHROPIC_API_KEY: E2E_FAKE_KEY,
      // The real Claude Code CLI (a dev dependency) against the journeys' fake API, alone and quiet.
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${E2E_FAKE_API_PORT}`,
      CLAUDE_CONFIG_DIR: `${E2E_DATA_DIR}-claude`,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_ERROR_REPORTING: "1",
      CLAUDE_CODE_MAX_RETRIES: "1",
      // The real Codex CLI (a dev dependency): its config (written by e2e/codex.spec.ts) sends it
      // to that journey's fake Responses API.
      CODEX_HOME: E2E_CODEX_HOME,
      FAKE_OPENAI_KEY: "sk-e2e-fake-openai",
      // Only a fake gh in this folder: Open a pull request talks to it (nothing else looks for gh).
      PATH: `${path.resolve("e2e/fixtures/bin")}${path.delimiter}${process.env.PATH ?? ""}`,
      FAKE_GH_LOG: E2E_FAKE_GH_LOG,
    },
  },
});
