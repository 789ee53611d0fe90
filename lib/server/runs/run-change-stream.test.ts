// The live stream is driven by signals, not a fast poll: each test turns the fallback look off
// (an hour), so a message can only come from the signal under test.
import { EventEmitter } from "node:events";
import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { openDatabase, type Database } from "@/lib/server/db/client";
import { appendEvent } from "@/lib/server/events/append-event";
import { createTestDatabase, createPostgresDatabaseUrl, hasPostgres } from "@/lib/testing/test-database";
import { tempDir } from "@/lib/testing/temp-dir";
import { createChangeSignals } from "./change-signals";
import { runChangeStream } from "./run-change-stream";

const HOUR = 3_600_000;

async function makeRun(db: Database, logFile: string) {
  const project = await db.project.create({ data: { name: "app", repoPath: tempDir(), baseBranch: "main" } });
  const run = await db.run.create({ data: { projectId: project.id, slug: "r1", task: "t", status: "running" } });
  const wp = await db.workPackage.create({
    data: { runId: run.id, wpId: "WP-1", position: 0, name: "One", scope: "s" },
  });
  await db.attempt.create({ data: { workPackageId: wp.id, number: 1, status: "running", logPath: logFile } });
  return run.id;
}

interface Message {
  status: boolean;
  logs: Record<string, number>;
}

/** Reads the stream's "changed" messages; `next(test)` resolves with the first one that passes. */
function listen(stream: ReadableStream<Uint8Array>, abort: AbortController) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const seen: Message[] = [];
  let wake = null as (() => void) | null;
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, cut))?.[1];
        buffer = buffer.slice(cut + 2);
        if (data) seen.push(JSON.parse(data) as Message);
        wake?.();
      }
    }
  })();
  onTestFinished(() => abort.abort());
  return {
    async next(test: (m: Message) => boolean): Promise<Message> {
      for (;;) {
        const index = seen.findIndex(test);
        if (index >= 0) return seen.splice(0, index + 1).at(-1)!;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

async function open(db: Database, url: string, emitter = new EventEmitter()) {
  const dir = tempDir();
  const logFile = path.join(dir, "attempt", "agent.log");
  mkdirSync(path.dirname(logFile));
  writeFileSync(logFile, "");
  const runId = await makeRun(db, logFile);
  const abort = new AbortController();
  const signals = createChangeSignals(emitter, url);
  const stream = listen(runChangeStream(db, runId, abort.signal, signals, { fallbackMs: HOUR }), abort);
  await stream.next((m) => m.status); // the first look
  return { runId, logFile, stream, emitter };
}

describe("run change stream", () => {
  it("tells of an event another process writes to the SQLite file, and of a log that grows", async () => {
    const dir = tempDir();
    const url = `file:${path.join(dir, "flotilla.db")}`;
    copyFileSync(inject("templateDatabase"), url.slice("file:".length));
    const db = openDatabase(url);
    const other = openDatabase(url); // a second connection, as the CLI would have
    onTestFinished(() => Promise.all([db.$disconnect(), other.$disconnect()]).then(() => undefined));
    const { runId, logFile, stream } = await open(db, url);

    await appendEvent(other, { type: "run.plan_saved", runId, payload: { packages: 1 } });
    expect((await stream.next((m) => m.status)).status).toBe(true);

    // A write that appends no event (a package's hold note) tells too.
    await other.workPackage.updateMany({ where: { runId }, data: { statusReason: "Waiting for memory" } });
    expect((await stream.next((m) => m.status)).status).toBe(true);

    appendFileSync(logFile, "hello\n");
    expect((await stream.next((m) => m.logs["WP-1"] === 6)).status).toBe(false);
    appendFileSync(logFile, "more\n");
    await stream.next((m) => m.logs["WP-1"] === 11);
  });

  it("tells of its own engine's moves even when they write no event", async () => {
    const db = await createTestDatabase("sqlite");
    const { runId, stream, emitter } = await open(db, "file:/nonexistent/flotilla.db");
    emitter.emit("run-changed", "another-run");
    emitter.emit("run-changed", runId);
    expect((await stream.next((m) => m.status)).status).toBe(true);
  });

  it.skipIf(!hasPostgres())("on PostgreSQL, tells of an event any host inserts (LISTEN/NOTIFY)", async () => {
    const url = await createPostgresDatabaseUrl();
    const db = openDatabase(url);
    const other = openDatabase(url);
    onTestFinished(() => Promise.all([db.$disconnect(), other.$disconnect()]).then(() => undefined));
    const { runId, stream } = await open(db, url);
    await appendEvent(other, { type: "run.plan_saved", runId, payload: { packages: 1 } });
    expect((await stream.next((m) => m.status)).status).toBe(true);
  });
});
