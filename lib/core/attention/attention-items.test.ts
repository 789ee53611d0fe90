import { describe, expect, it } from "vitest";
import {
  attentionCount,
  attentionHref,
  attentionItems,
  runLabel,
  type AttentionPackage,
  type AttentionRun,
} from "./attention-items";
import { deliveryKey, eventsForPackageMove, eventsForRunMove, testPayload, webhookPayload } from "./webhook-events";
import { describeFailedAnswer, judgeStatus, maskWebhookUrl, nextRetryDelay } from "./webhook-retry";

const waitingConflict = (history = 0) =>
  JSON.stringify({
    current: { files: ["shared.txt"], featureTip: "a", packageTip: "b", phase: "waiting", rounds: 2 },
    history: Array.from({ length: history }, () => ({ files: ["x"], resolvedBy: "person" })),
  });

const pkg = (
  wpId: string,
  status: AttentionPackage["status"],
  extra: Partial<AttentionPackage> = {},
): AttentionPackage => ({
  wpId,
  name: `Part ${wpId}`,
  status,
  statusReason: null,
  conflict: "{}",
  attempts: 1,
  ...extra,
});

const run = (
  status: AttentionRun["status"],
  packages: AttentionPackage[],
  extra: Partial<AttentionRun> = {},
): AttentionRun => ({
  id: "run1",
  task: "Build auth",
  status,
  reasonCode: null,
  statusReason: null,
  featureBranch: "flotilla/build-auth",
  packages,
  ...extra,
});

describe("attention items", () => {
  it("a running run with nothing waiting needs no one", () => {
    expect(attentionItems(run("running", [pkg("WP-1", "running"), pkg("WP-2", "merged")]))).toEqual([]);
  });

  it("a package awaiting approval needs a person, at that package", () => {
    const [item] = attentionItems(run("running", [pkg("WP-1", "merged"), pkg("WP-2", "awaiting_approval")]));
    expect(item).toMatchObject({
      kind: "approval",
      runId: "run1",
      wpId: "WP-2",
      needsPerson: true,
      title: "WP-2 waits for your approval",
      href: "/runs/run1?wp=WP-2",
    });
    expect(item.body).toBe('WP-2 Part WP-2 in run "Build auth" is ready: approve or reject it.');
  });

  it("a conflict counts only once it waits for a person, not while an agent resolves it", () => {
    const resolving = JSON.stringify({
      current: { files: ["a"], featureTip: "a", packageTip: "b", phase: "resolving" },
    });
    expect(attentionItems(run("running", [pkg("WP-1", "conflicted", { conflict: resolving })]))).toEqual([]);
    expect(attentionItems(run("running", [pkg("WP-1", "resolving", { conflict: waitingConflict() })]))).toEqual([]);
    const [item] = attentionItems(
      run("running", [
        pkg("WP-1", "conflicted", {
          conflict: waitingConflict(),
          statusReason: "Merging it conflicts in shared.txt\nmore",
        }),
      ]),
    );
    expect(item).toMatchObject({ kind: "conflict", wpId: "WP-1", title: "WP-1 has a conflict for you" });
    expect(item.body).toBe('Run "Build auth": Merging it conflicts in shared.txt');
  });

  it("a run that settled failed opens at the package that did not merge", () => {
    const items = attentionItems(
      run("failed", [pkg("WP-1", "merged"), pkg("WP-2", "blocked"), pkg("WP-3", "failed")], {
        statusReason: "WP-3 did not merge; retry it to finish the run",
      }),
    );
    expect(items).toEqual([
      expect.objectContaining({
        kind: "failed",
        wpId: "WP-3",
        title: 'Run "Build auth" failed',
        href: "/runs/run1?wp=WP-3",
      }),
    ]);
    expect(items[0].body).toBe("WP-3 did not merge; retry it to finish the run");
  });

  it("a budget stop needs a person; a cancel by the user does not", () => {
    const over = run("cancelled", [pkg("WP-1", "cancelled")], {
      reasonCode: "budget",
      statusReason: "The run's budget of $1.00 was reached",
    });
    expect(attentionItems(over)).toEqual([
      expect.objectContaining({ kind: "budget", title: 'Run "Build auth" stopped at its budget' }),
    ]);
    expect(attentionItems(run("cancelled", [pkg("WP-1", "cancelled")], { reasonCode: "cancelled" }))).toEqual([]);
  });

  it("a completed run is news but does not count", () => {
    const items = attentionItems(run("completed", [pkg("WP-1", "merged"), pkg("WP-2", "merged")]));
    expect(items).toEqual([
      expect.objectContaining({
        kind: "completed",
        needsPerson: false,
        body: "2 packages merged into flotilla/build-auth.",
      }),
    ]);
    expect(attentionCount(items)).toBe(0);
    expect(
      attentionCount(
        attentionItems(run("running", [pkg("WP-1", "awaiting_approval"), pkg("WP-2", "awaiting_approval")])),
      ),
    ).toBe(2);
  });

  it("the id changes when the situation does, and stays while it does not", () => {
    const id = (p: AttentionPackage) => attentionItems(run("running", [p]))[0].id;
    expect(id(pkg("WP-1", "awaiting_approval"))).toBe(id(pkg("WP-1", "awaiting_approval")));
    expect(id(pkg("WP-1", "awaiting_approval", { attempts: 3 }))).not.toBe(id(pkg("WP-1", "awaiting_approval")));
    const conflicted = (history: number) => pkg("WP-1", "conflicted", { conflict: waitingConflict(history) });
    expect(id(conflicted(1))).not.toBe(id(conflicted(0)));
  });

  it("names and links are safe to show", () => {
    expect(runLabel("  first line\nsecond")).toBe("first line");
    expect(runLabel("x".repeat(80))).toHaveLength(60);
    expect(attentionHref("a/b", "WP 1")).toBe("/runs/a%2Fb?wp=WP%201");
  });
});

describe("webhook events", () => {
  it("a failed package sends package.failed; a budget stop or a person's cancel does not", () => {
    const move = (status: AttentionPackage["status"], reasonCode: string | null = null) =>
      eventsForPackageMove({ ...pkg("WP-2", status, { attempts: 2 }), reasonCode }).map((t) => t.event);
    expect(move("failed")).toEqual(["package.failed"]);
    expect(move("timed_out")).toEqual(["package.failed"]);
    expect(move("test_failed")).toEqual(["package.failed"]);
    expect(move("lost")).toEqual(["package.failed"]);
    expect(move("failed", "budget")).toEqual([]);
    expect(move("cancelled", "cancelled")).toEqual([]);
    expect(move("merged")).toEqual([]);
  });

  it("approval and a conflict for a person send run.needs_attention", () => {
    expect(eventsForPackageMove({ ...pkg("WP-1", "awaiting_approval"), reasonCode: null })).toEqual([
      { event: "run.needs_attention", kind: "approval", wpId: "WP-1", revision: "1" },
    ]);
    expect(
      eventsForPackageMove({ ...pkg("WP-1", "conflicted", { conflict: waitingConflict(1) }), reasonCode: "conflict" }),
    ).toEqual([{ event: "run.needs_attention", kind: "conflict", wpId: "WP-1", revision: "1.1" }]);
  });

  it("a run's settling sends its event", () => {
    const settle = (status: AttentionRun["status"], reasonCode: string | null = null) =>
      eventsForRunMove(run(status, [pkg("WP-1", "merged", { attempts: 2 })], { reasonCode }));
    expect(settle("completed")).toEqual([{ event: "run.completed", kind: "completed", revision: "" }]);
    expect(settle("failed")).toEqual([{ event: "run.needs_attention", kind: "failed", revision: "2" }]);
    expect(settle("cancelled", "budget")).toEqual([{ event: "run.needs_attention", kind: "budget", revision: "2" }]);
    expect(settle("cancelled", "cancelled")).toEqual([]);
    expect(settle("running")).toEqual([]);
  });

  it("the key differs per URL and per retry, not per repeat", () => {
    const a = { event: "package.failed" as const, wpId: "WP-1", revision: "1" };
    expect(deliveryKey(a, "r", "https://x/1")).toBe(deliveryKey({ ...a }, "r", "https://x/1"));
    expect(deliveryKey(a, "r", "https://x/1")).not.toBe(deliveryKey(a, "r", "https://x/2"));
    expect(deliveryKey(a, "r", "https://x/1")).not.toBe(deliveryKey({ ...a, revision: "2" }, "r", "https://x/1"));
  });

  it("the payload carries the run, the package, a Slack line with the link, every text masked", () => {
    const secret = "sk-ant-secret-123456";
    const payload = webhookPayload({
      trigger: { event: "run.needs_attention", kind: "approval", wpId: "WP-2", revision: "1" },
      run: run("running", [pkg("WP-2", "awaiting_approval", { name: "Login <form>", statusReason: `key ${secret}` })]),
      project: { name: "shop" },
      baseUrl: "http://127.0.0.1:3000/",
      at: new Date("2026-12-01T10:00:00Z"),
      mask: (text) => text.split(secret).join("••••••"),
    });
    expect(payload).toMatchObject({
      event: "run.needs_attention",
      kind: "approval",
      run: { id: "run1", task: "Build auth", status: "running", url: "http://127.0.0.1:3000/runs/run1?wp=WP-2" },
      package: { wpId: "WP-2", name: "Login <form>", status: "awaiting_approval", reason: "key ••••••" },
      project: { name: "shop" },
      at: "2026-12-01T10:00:00.000Z",
    });
    expect(payload.text).toBe(
      'Flotilla: run "Build auth" needs you: WP-2 Login &lt;form&gt; waits for approval <http://127.0.0.1:3000/runs/run1?wp=WP-2>',
    );
    expect(JSON.stringify(payload)).not.toContain(secret);
  });

  it("package.failed and run.completed say so in their text", () => {
    const base = { project: { name: "shop" }, baseUrl: "http://h", at: new Date(0), mask: (t: string) => t };
    const failed = webhookPayload({
      ...base,
      trigger: { event: "package.failed", wpId: "WP-1", revision: "1" },
      run: run("running", [pkg("WP-1", "failed", { statusReason: "The agent exited with code 3" })]),
    });
    expect(failed.text).toBe(
      'Flotilla: in run "Build auth", WP-1 Part WP-1: The agent exited with code 3 <http://h/runs/run1?wp=WP-1>',
    );
    const done = webhookPayload({
      ...base,
      trigger: { event: "run.completed", kind: "completed", revision: "" },
      run: run("completed", [pkg("WP-1", "merged")]),
    });
    expect(done.text).toBe(
      'Flotilla: run "Build auth" completed: 1 package merged into flotilla/build-auth. <http://h/runs/run1>',
    );
    expect(done.package).toBeNull();
    expect(testPayload({ name: "a&b" }, "http://h", new Date(0)).text).toBe(
      'Flotilla: a test from project "a&amp;b"; this webhook works. <http://h/>',
    );
  });
});

describe("webhook retries", () => {
  it("backs off exponentially with jitter, then gives up", () => {
    const schedule = [2_000, 4_000, 8_000, 16_000];
    expect(nextRetryDelay(1, schedule, () => 0.5)).toBe(2_000);
    expect(nextRetryDelay(2, schedule, () => 0)).toBe(3_200);
    expect(nextRetryDelay(4, schedule, () => 1)).toBe(19_200);
    expect(nextRetryDelay(5, schedule, () => 0.5)).toBeNull();
  });

  it("judges an answer: 2xx delivered, 408/429/5xx retried, other 4xx given up", () => {
    expect([200, 204, 408, 429, 500, 503, 400, 404, 410, 302].map(judgeStatus)).toEqual([
      "delivered",
      "delivered",
      "retry",
      "retry",
      "retry",
      "retry",
      "give_up",
      "give_up",
      "give_up",
      "retry",
    ]);
    expect(describeFailedAnswer(404, "no_such_hook")).toContain("HTTP 404: no_such_hook; not retried");
    expect(describeFailedAnswer(500, "")).toBe("The endpoint answered HTTP 500");
  });

  it("shows a URL without its secret path", () => {
    expect(maskWebhookUrl("https://hooks.slack.com/services/T000/B000/XXXX")).toBe(
      "https://hooks.slack.com/services/…",
    );
    expect(maskWebhookUrl("http://127.0.0.1:9000/hook")).toBe("http://127.0.0.1:9000/hook");
    expect(maskWebhookUrl("http://127.0.0.1:9000/?token=abc")).toBe("http://127.0.0.1:9000/…");
    expect(maskWebhookUrl("nope")).toBe("(not a valid URL)");
  });
});
