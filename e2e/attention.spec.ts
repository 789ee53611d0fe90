// "Know when you are needed", in a real browser: the tab's title and favicon count what needs a
// person on any page, a browser notification (after the click that turns them on) says what,
// clicking it opens the run at the package, and approving clears it; a completed run notifies
// too. Webhooks: the settings page shows each URL's deliveries against a local recording server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_BASE_URL } from "../playwright.config";
import { expectAccessible, makeJsRepo, snap, watchErrors } from "./fixtures/app";

type Note = { title: string; body?: string; tag?: string };
type Attention = {
  count: number;
  items: Array<{ id: string; runId: string; wpId?: string; kind: string; needsPerson: boolean }>;
};

declare global {
  interface Window {
    __notes: Array<Note & { onclick: (() => void) | null }>;
    __permissionRequests: number;
  }
}

/** Records every notification the page raises (still showing the real one) and every permission request. */
const NOTIFICATION_SPY = () => {
  const Real = window.Notification;
  window.__notes = [];
  window.__permissionRequests = 0;
  class Spy {
    title: string;
    body?: string;
    tag?: string;
    private real: Notification | null = null;
    private handler: (() => void) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      this.title = title;
      this.body = options.body;
      this.tag = options.tag;
      try {
        this.real = Real ? new Real(title, options) : null;
      } catch {
        this.real = null;
      }
      window.__notes.push(this as unknown as Window["__notes"][number]);
    }
    get onclick() {
      return this.handler;
    }
    set onclick(handler: (() => void) | null) {
      this.handler = handler;
      if (this.real) this.real.onclick = handler;
    }
    close() {
      this.real?.close();
    }
    static get permission() {
      return Real ? Real.permission : "granted";
    }
    static requestPermission() {
      window.__permissionRequests++;
      return Real ? Real.requestPermission() : Promise.resolve("granted");
    }
  }
  Object.defineProperty(window, "Notification", { value: Spy, configurable: true, writable: true });
};

const wbs = (task: string) => ({
  task,
  work_packages: [{ id: "WP-1", name: "Login form", scope: "s", expected_outputs: ["src/login.js"], dependencies: [] }],
});

async function startHumanRun(request: APIRequestContext, task: string): Promise<string> {
  const created = await request.post("/api/runs", {
    data: { repo: makeJsRepo("attention"), wbs: wbs(task), agent: "demo", reviewMode: "human", staggerSeconds: 0 },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).runId as string;
}

const attention = async (request: APIRequestContext) =>
  (await (await request.get("/api/attention")).json()) as Attention;
const notes = (page: Page) => page.evaluate(() => window.__notes.map(({ title, body, tag }) => ({ title, body, tag })));
const faviconHref = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.getAttribute("href") ?? "");

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["notifications"], { origin: E2E_BASE_URL });
  await context.addInitScript(NOTIFICATION_SPY);
});

test("a run waiting for approval: the count on another page, a notification that opens it, gone once approved", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  await page.goto("/");
  const button = page.getByRole("button", { name: "Turn on notifications" });
  await expect(button).toBeVisible();
  expect(await page.evaluate(() => window.__permissionRequests)).toBe(0); // never asked on load
  // The icon as the server renders it (other journeys' runs may already have badged this page's).
  const html = await (await request.get("/")).text();
  const originalIcon = /<link[^>]*rel="icon"[^>]*href="([^"]+)"/.exec(html)?.[1].replaceAll("&amp;", "&") ?? "";
  expect(originalIcon).toContain("icon");
  await button.click();
  await expect(page.getByRole("button", { name: "Notifications on" })).toBeVisible();
  expect(await page.evaluate(() => window.__permissionRequests)).toBe(1);

  const runId = await startHumanRun(request, "Build the login");
  await expect
    .poll(async () => (await attention(request)).items.some((i) => i.runId === runId && i.kind === "approval"), {
      timeout: 60_000,
    })
    .toBe(true);
  // The home page (not the run's) shows the count in its title and favicon.
  await expect.poll(() => page.title(), { timeout: 15_000 }).toMatch(/^\(\d+\) Flotilla$/);
  // The same number the API gives (other runs may change it meanwhile: compare until they agree).
  await expect.poll(async () => (await page.title()) === `(${(await attention(request)).count}) Flotilla`).toBe(true);
  expect(await faviconHref(page)).toMatch(/^data:image\/svg\+xml,/);
  await expect
    .poll(() => notes(page), { timeout: 15_000 })
    .toContainEqual({
      title: "WP-1 waits for your approval",
      body: 'WP-1 Login form in run "Build the login" is ready: approve or reject it.',
      tag: expect.stringContaining(runId),
    });

  // Clicking the notification opens the run at that package.
  await page.evaluate((id) => window.__notes.find((n) => n.tag?.includes(id))!.onclick!(), runId);
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}\\?wp=WP-1$`));
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => page.title()).toMatch(/^\(\d+\) /);

  // A reload (or another tab) does not repeat what this browser was already told.
  await page.reload();
  const other = await page.context().newPage();
  await other.goto("/");
  for (const tab of [page, other]) {
    await twoPolls(tab);
    expect((await notes(tab)).filter((n) => n.tag?.includes(runId))).toEqual([]);
  }

  expect((await request.post(`/api/runs/${runId}/work-packages/WP-1/approve`, { data: {} })).status()).toBe(200);
  // Completed: it notifies, in one tab only, and no longer counts.
  await expect
    .poll(async () => [...(await notes(page)), ...(await notes(other))].filter((n) => n.tag?.includes(runId)), {
      timeout: 60_000,
    })
    .toEqual([
      {
        title: 'Run "Build the login" completed',
        body: expect.stringMatching(/^1 package merged into flotilla\//),
        tag: expect.stringContaining(runId),
      },
    ]);
  const after = await attention(request);
  expect(after.items.filter((i) => i.runId === runId && i.needsPerson)).toEqual([]);
  // The title follows the API's count (0 here when no other journey's run waits for a person).
  await expect
    .poll(async () => {
      const { count } = await attention(request);
      return (await page.title()) === (count > 0 ? `(${count}) ${await titleOf(page)}` : await titleOf(page));
    })
    .toBe(true);
  if ((await attention(request)).count === 0) await expect.poll(() => faviconHref(page)).toBe(originalIcon);
  await other.close();
  expect(problems).toEqual([]);
});

/** The notifications about one run (other journeys' runs may be going on too). */
const notesOf = async (page: Page, runId: string) => (await notes(page)).filter((n) => n.tag?.includes(runId));

/** Two polls of /api/attention, then a moment for the page to act on the answer. */
async function twoPolls(page: Page) {
  await page.waitForResponse((r) => r.url().endsWith("/api/attention"));
  await page.waitForResponse((r) => r.url().endsWith("/api/attention"));
  await page.waitForTimeout(500);
}

/** The page's title without the count. */
const titleOf = async (page: Page) => (await page.title()).replace(/^\(\d+\+?\) /, "");

test("what was already waiting when notifications are turned on is not announced", async ({ page, request }) => {
  test.setTimeout(120_000);
  const runId = await startHumanRun(request, "Add the cart");
  await expect
    .poll(async () => (await attention(request)).items.some((i) => i.runId === runId), { timeout: 60_000 })
    .toBe(true);
  await page.goto("/");
  await expect.poll(() => page.title(), { timeout: 15_000 }).toMatch(/^\(\d+\) Flotilla$/);
  await page.getByRole("button", { name: "Turn on notifications" }).click();
  await expect(page.getByRole("button", { name: "Notifications on" })).toBeVisible();
  await twoPolls(page);
  expect(await notesOf(page, runId)).toEqual([]);
  // Turning them off and on again keeps quiet about the same things.
  await page.getByRole("button", { name: "Notifications on" }).click();
  await page.getByRole("button", { name: "Turn on notifications" }).click();
  await twoPolls(page);
  expect(await notesOf(page, runId)).toEqual([]);
  await request.post(`/api/runs/${runId}/work-packages/WP-1/approve`, { data: {} });
  await expect
    .poll(async () => (await notes(page)).map((n) => n.title), { timeout: 60_000 })
    .toContain('Run "Add the cart" completed');
});

test("the header's button and the webhook deliveries pass axe, light and dark, at phone width", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  const received: string[] = [];
  let calls = 0;
  // The first URL answers 500 once, then 200; the second always refuses with 404.
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push(`${req.url} ${body}`);
      if (req.url === "/refuse") return res.writeHead(404).end("no such hook");
      res.writeHead(++calls === 1 ? 500 : 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const runId = (
      await (
        await request.post("/api/runs", {
          data: { repo: makeJsRepo("hooks"), wbs: wbs("Hooks"), agent: "demo", staggerSeconds: 0 },
        })
      ).json()
    ).runId as string;
    const state = async () => (await (await request.get(`/api/runs/${runId}/state`)).json()).run;
    const projectId = (await state()).projectId as string;
    // Settled first, so its own run.completed is not among what the endpoint receives.
    await expect.poll(async () => (await state()).status, { timeout: 60_000 }).toBe("completed");
    const saved = await request.put(`/api/projects/${projectId}/settings`, {
      data: { webhooks: `${base}/services/T0/B0/secret-part, ${base}/refuse` },
    });
    expect(saved.status()).toBe(200);
    await page.goto(`/projects/${projectId}/settings`);
    const section = page.getByTestId("webhook-status");
    await expect(section.getByText(`${base}/services/…`)).toBeVisible();
    await expect(section.getByText("secret-part")).toHaveCount(0);
    await section.getByRole("button", { name: /Send a test to webhook 1/ }).click();
    await section.getByRole("button", { name: /Send a test to webhook 2/ }).click();
    const states = section.getByTestId("webhook-state");
    await expect(states.nth(0)).toContainText(
      /Failing \(test\), 1 attempt, retrying at .*HTTP 500|Delivered \(test\)/,
      {
        timeout: 15_000,
      },
    );
    await expect(states.nth(0)).toContainText("Delivered (test) at", { timeout: 20_000 });
    await expect(states.nth(1)).toContainText(
      "Failed (test) after 1 attempt: The endpoint answered HTTP 404: no such hook; not retried",
    );
    expect(received.filter((r) => r.startsWith("/services/")).length).toBe(2);
    const settings = await (await request.get(`/api/projects/${projectId}/settings`)).json();
    expect(settings.webhookStatus).toEqual([
      expect.objectContaining({ index: 0, state: "delivered", url: `${base}/services/…` }),
      expect.objectContaining({ index: 1, state: "failed", lastStatusCode: 404 }),
    ]);

    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of ["/", `/projects/${projectId}/settings`]) {
          await page.goto(path);
          await expect(page.getByRole("button", { name: /Turn on notifications|Notifications on/ })).toBeVisible();
          await expectAccessible(page);
          await snap(page, testInfo, `attention-${path === "/" ? "home" : "settings"}-${scheme}-${width}`);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          ).toBeLessThanOrEqual(0);
        }
      }
    }
  } finally {
    server.close();
  }
});
