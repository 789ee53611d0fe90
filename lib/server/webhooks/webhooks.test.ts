// Webhooks for real: engine runs with the fake agent enqueue outbox rows as their statuses move,
// and the sender POSTs them to a local HTTP server that records what it received (one that fails
// first, one that hangs, one that refuses for good).
import { afterEach, describe, expect, it } from "vitest";
import { MASK } from "@/lib/core/security/secrets";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { startRecordingServer } from "@/lib/testing/recording-server";
import { enqueueForRunMove, enqueueTestDelivery, publicBaseUrl } from "./enqueue-webhooks";
import { drainWebhooks, sendDueWebhooks, startWebhookSender } from "./send-webhooks";
import { webhookStatuses } from "./webhook-status";

const SECRET = "sk-ant-webhook-secret-0123456789";

/** A clock the test moves by hand: retries come due without sleeping. */
function fakeClock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

const bodies = (server: Awaited<ReturnType<typeof startRecordingServer>>) =>
  server.received.map((r) => r.body as { event: string; text: string; kind: string | null; [k: string]: unknown });

afterEach(() => {
  delete process.env.ANTHROPIC_API_KEY_FOR_WEBHOOK_TEST;
});

describe("webhooks", () => {
  it("a package that fails sends package.failed, then run.needs_attention when the run settles failed", async () => {
    const server = await startRecordingServer([200]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([server.url()]) },
    });
    const snapshot = await engine.run(plan([pkg("WP-1"), pkg("WP-2")], "Build auth"), "WP-2=fail");
    expect(snapshot.run.status).toBe("failed");
    expect(await sendDueWebhooks(engine.db)).toBe(2);

    const [failed, attention] = bodies(server);
    expect(failed).toMatchObject({
      event: "package.failed",
      run: { id: snapshot.run.id, task: "Build auth", url: `${publicBaseUrl()}/runs/${snapshot.run.id}?wp=WP-2` },
      package: { wpId: "WP-2", name: "Package WP-2", status: "failed", reason: "The agent exited with code 3" },
      project: { name: "app" },
    });
    expect(failed.text).toBe(
      `Flotilla: in run "Build auth", WP-2 Package WP-2: The agent exited with code 3 <${publicBaseUrl()}/runs/${snapshot.run.id}?wp=WP-2>`,
    );
    expect(attention).toMatchObject({
      event: "run.needs_attention",
      kind: "failed",
      run: { status: "failed", reason: "WP-2 did not merge; retry it to finish the run" },
      package: { wpId: "WP-2" },
    });
    expect(server.received[0].headers).toMatchObject({ "content-type": "application/json", "user-agent": "Flotilla" });
    expect(server.received[0].headers["x-flotilla-delivery"]).toMatch(/^c[a-z0-9]{20,}$/);
    const rows = await engine.db.webhookDelivery.findMany();
    expect(rows.map((r) => [r.event, r.status, r.attempts, r.lastStatusCode])).toEqual([
      ["package.failed", "delivered", 1, 200],
      ["run.needs_attention", "delivered", 1, 200],
    ]);
  });

  it("a completed run sends run.completed to every URL, once, however often it is enqueued", async () => {
    const one = await startRecordingServer([204]);
    const two = await startRecordingServer([200]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([one.url("/a"), two.url("/b")]) },
    });
    const snapshot = await engine.run(plan([pkg("WP-1")], "Add search"), "default=succeed");
    expect(snapshot.run.status).toBe("completed");
    // The engine repeating its step (or a second process) enqueues the same keys: no new rows.
    await engine.db.$transaction((tx) => enqueueForRunMove(tx, snapshot.run.id, "completed"));
    await engine.db.$transaction((tx) => enqueueForRunMove(tx, snapshot.run.id, "completed"));
    expect(await engine.db.webhookDelivery.count()).toBe(2);
    await sendDueWebhooks(engine.db);
    await sendDueWebhooks(engine.db);
    for (const server of [one, two]) {
      expect(bodies(server)).toHaveLength(1);
      expect(bodies(server)[0]).toMatchObject({
        event: "run.completed",
        kind: "completed",
        run: { status: "completed" },
      });
      expect(bodies(server)[0].text).toMatch(
        /^Flotilla: run "Add search" completed: 1 package merged into flotilla\/.+ <http/,
      );
    }
    expect(await webhookStatuses(engine.db, engine.project.id)).toEqual([
      expect.objectContaining({ index: 0, url: one.url("/a"), state: "delivered", lastEvent: "run.completed" }),
      expect.objectContaining({ index: 1, url: two.url("/b"), state: "delivered", attempts: 1 }),
    ]);
  });

  it("a package awaiting approval asks for a person, once per situation", async () => {
    const server = await startRecordingServer([200]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([server.url()]) },
    });
    const { createRun } = await import("@/lib/server/engine/commands/create-run");
    const { launchRun } = await import("@/lib/server/engine/reconcile/prepare-workspace");
    const { FAKE_AGENT } = await import("@/lib/testing/engine-harness");
    const { run } = await createRun(engine.db, {
      projectId: engine.project.id,
      wbs: plan([pkg("WP-1")], "Gate it"),
      options: {
        agent: "custom",
        agentSettings: {
          customCommand: `node ${FAKE_AGENT}`,
          permissionMode: "bypassPermissions",
          allowedTools: [],
          extraArgs: "",
          sandbox: false,
        },
        graceSeconds: 1,
        reviewMode: "human",
      },
    });
    await launchRun(engine.ctx, run.id);
    await engine.driveUntil(run.id, { "WP-1": "awaiting_approval" });
    await sendDueWebhooks(engine.db);
    expect(bodies(server)).toEqual([
      expect.objectContaining({
        event: "run.needs_attention",
        kind: "approval",
        text: `Flotilla: run "Gate it" needs you: WP-1 Package WP-1 waits for approval <${publicBaseUrl()}/runs/${run.id}?wp=WP-1>`,
        package: expect.objectContaining({ wpId: "WP-1", status: "awaiting_approval" }),
      }),
    ]);
  });

  it("a secret in a failure reason is masked in what is sent", async () => {
    process.env.ANTHROPIC_API_KEY_FOR_WEBHOOK_TEST = SECRET;
    const server = await startRecordingServer([200]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([server.url()]) },
    });
    const snapshot = await engine.run(plan([pkg("WP-1")], `Use the key ${SECRET}`), "default=succeed", {
      setupCommand: `node -e 'if (process.env.FLOTILLA_WP_ID) { console.log("the key is " + process.env.ANTHROPIC_API_KEY_FOR_WEBHOOK_TEST); process.exit(2) }'`,
    });
    expect(snapshot.run.status).toBe("failed");
    await sendDueWebhooks(engine.db);
    const failed = bodies(server).find((b) => b.event === "package.failed")!;
    expect((failed.package as { reason: string }).reason).toContain(`the key is ${MASK}`);
    expect((failed.run as { task: string }).task).toBe(`Use the key ${MASK}`);
    const sent = server.received.map((r) => JSON.stringify(r.body)).join("\n");
    expect(sent).not.toContain(SECRET);
    const stored = (await engine.db.webhookDelivery.findMany()).map((r) => r.payload).join("\n");
    expect(stored).not.toContain(SECRET);
  });

  it("an endpoint that fails first is retried after its backoff and delivered", async () => {
    const server = await startRecordingServer([500, 200]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([server.url()]) },
    });
    const clock = fakeClock();
    const row = await enqueueTestDelivery(engine.db, engine.project.id, server.url(), clock.now());
    const options = { now: clock.now, random: () => 0.5, backoffMs: [2_000, 4_000] };

    expect(await sendDueWebhooks(engine.db, options)).toBe(1);
    let stored = await engine.db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(stored.lastError).toBe("The endpoint answered HTTP 500: failure 500");
    expect(stored.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 2_000);
    expect(await webhookStatuses(engine.db, engine.project.id)).toEqual([
      expect.objectContaining({ state: "retrying", attempts: 1, lastError: stored.lastError, lastDeliveredAt: null }),
    ]);

    clock.advance(1_000);
    expect(await sendDueWebhooks(engine.db, options)).toBe(0); // not due yet
    clock.advance(1_000);
    expect(await sendDueWebhooks(engine.db, options)).toBe(1);
    stored = await engine.db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
    expect(server.received.map((r) => r.body.event)).toEqual(["webhook.test", "webhook.test"]);
  });

  it("a 4xx is not retried, and the settings say why", async () => {
    const server = await startRecordingServer([404]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([server.url()]) },
    });
    await enqueueTestDelivery(engine.db, engine.project.id, server.url());
    await sendDueWebhooks(engine.db);
    const [status] = await webhookStatuses(engine.db, engine.project.id);
    expect(status).toMatchObject({ state: "failed", attempts: 1, lastStatusCode: 404 });
    expect(status.lastError).toContain("not retried");
    await expect(enqueueTestDelivery(engine.db, engine.project.id, "http://elsewhere.test/x")).rejects.toThrow(
      "save it in the Webhooks field first",
    );
  });

  it("an endpoint that hangs is cut off and retried until it gives up; the run does not wait for it", async () => {
    const server = await startRecordingServer(["hang"]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([server.url()]) },
    });
    // A long timeout first: the run's package fails early, its POST hangs, the run goes on and ends.
    const sender = startWebhookSender(engine.db, { intervalMs: 20, timeoutMs: 20_000, backoffMs: [] });
    const snapshot = await engine.run(
      plan([pkg("WP-1"), pkg("WP-2")], "Slow hook"),
      "WP-1=fail WP-2=succeed WP-2.delay=1500",
    );
    expect(snapshot.run.status).toBe("failed");
    expect(server.received.map((r) => r.body.event)).toContain("package.failed");
    expect(server.openRequests()).toBeGreaterThanOrEqual(1); // still outstanding when the run ended
    server.close();
    await sender.stop();

    // Then the retry schedule, with a short timeout and no sleeping on the backoff's account.
    const hanging = await startRecordingServer(["hang"]);
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([hanging.url()]) },
    });
    const clock = fakeClock();
    const row = await enqueueTestDelivery(engine.db, engine.project.id, hanging.url(), clock.now());
    const options = { now: clock.now, random: () => 0.5, backoffMs: [1_000, 1_000], timeoutMs: 200 };
    for (let i = 0; i < 3; i++) {
      await sendDueWebhooks(engine.db, options);
      clock.advance(1_000);
    }
    const stored = await engine.db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(hanging.received).toHaveLength(3);
    expect(stored).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: null });
    expect(stored.lastError).toMatch(
      /^No answer from 127\.0\.0\.1:\d+ within 0\.2 s: the request was cut off; gave up after 3 attempts$/,
    );
  });

  it("two senders never send one delivery twice, and a short drain sends what is due", async () => {
    const server = await startRecordingServer([200]);
    const engine = await setupEngine();
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { webhooks: JSON.stringify([server.url()]) },
    });
    await enqueueTestDelivery(engine.db, engine.project.id, server.url());
    await Promise.all([sendDueWebhooks(engine.db), sendDueWebhooks(engine.db), sendDueWebhooks(engine.db)]);
    expect(server.received).toHaveLength(1);

    await enqueueTestDelivery(engine.db, engine.project.id, server.url(), new Date(Date.now() + 1));
    await drainWebhooks(engine.db, { maxMs: 3_000, pollMs: 20 });
    expect(server.received).toHaveLength(2);
    expect(await engine.db.webhookDelivery.count({ where: { status: "pending" } })).toBe(0);
  });
});
