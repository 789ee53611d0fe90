// Run page load: a run of 10 packages whose first package logged 200,000 lines, opened cold in
// Chromium. Measures the time until the page answers a click (hydrated and interactive), until
// the log shows its last line (it opens at its end) and how long the whole log takes on request,
// then the frame times while the log follows a package that is still writing.
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import { logAgentProject, logPlan, startRun } from "./bench-project";
import type { BenchServer } from "./server";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

export async function measurePageLoad(server: BenchServer, lines = 200_000) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` } as const;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const projectId = await logAgentProject(
      server,
      "page-load",
      `WP-1=lines:${lines} WP-10=follow:600 default=lines:200`,
    );
    const runId = await startRun(server, projectId, logPlan("page load", 10));
    // Wait for the nine short packages to merge; WP-10 keeps writing.
    for (const deadline = Date.now() + 180_000; ;) {
      const state = (await (await fetch(`${server.base}/api/runs/${runId}/state`)).json()) as {
        packages: Array<{ wpId: string; status: string }>;
      };
      if (state.packages.filter((p) => p.status === "merged").length === 9) break;
      if (Date.now() > deadline) throw new Error("the packages did not finish");
      await new Promise((r) => setTimeout(r, 500));
    }
    const url = `${server.base}/runs/${runId}?wp=WP-1`;
    // Warm the server's compiled routes once, as a user's second visit would find them.
    const warm = await browser.newPage();
    await warm.goto(url);
    await warm.getByTestId("log-line").first().waitFor();
    await warm.close();

    // 1. Interactive: the first click on a card that the page answers.
    const page1 = await (await browser.newContext()).newPage();
    const t0 = performance.now();
    await page1.goto(url, { waitUntil: "commit" });
    const card = page1.getByTestId("card-WP-2");
    for (;;) {
      await card.click({ timeout: 5_000 });
      if ((await card.getAttribute("aria-pressed")) === "true") break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const interactiveMs = performance.now() - t0;
    const navigation = await page1.evaluate(() => {
      const nav = window.performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd };
    });
    await page1.context().close();

    // 2. The big log: it opens at its end (the last line in view), the rest loads on request.
    const page2 = await (await browser.newContext()).newPage();
    const t1 = performance.now();
    await page2.goto(url, { waitUntil: "commit" });
    await page2.getByTestId("log-line").first().waitFor();
    const firstLinesMs = performance.now() - t1;
    await page2
      .getByTestId("log-scroller")
      .getByText(`WP-1 line ${lines - 1} `)
      .waitFor({ timeout: 60_000 });
    const lastLineMs = performance.now() - t1;
    const t2 = performance.now();
    await page2.getByRole("button", { name: /Load the earlier/ }).click();
    await page2.waitForFunction(
      (n) => document.querySelector('[data-testid="log-line-count"]')?.textContent === String(n),
      lines,
      { timeout: 120_000, polling: 50 },
    );
    const wholeLogMs = performance.now() - t2;

    // 3. Frame times while the log follows WP-10, which is still writing (50 lines a second).
    await page2.getByTestId("card-WP-10").click();
    await page2.getByTestId("log-line").first().waitFor();
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    const frames = (await page2.evaluate(`new Promise((resolve) => {
      const deltas = [];
      let last = performance.now();
      const end = last + 5000;
      const step = (now) => {
        deltas.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(step);
        else resolve(deltas);
      };
      requestAnimationFrame(step);
    })`)) as number[];
    await page2.context().close();
    await fetch(`${server.base}/api/runs/${runId}/cancel`, { method: "POST" });
    return {
      interactiveMs,
      domInteractiveMs: navigation.domInteractive,
      firstLinesMs,
      lastLineMs,
      wholeLogMs,
      frameP50Ms: percentile(frames, 0.5),
      frameP95Ms: percentile(frames, 0.95),
      longFrames: frames.filter((f) => f > 50).length,
      frames: frames.length,
    };
  } finally {
    await browser.close();
  }
}
