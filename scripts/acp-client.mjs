#!/usr/bin/env node
// Flotilla's Agent Client Protocol client: runs any ACP agent (`acp-client.mjs -- COMMAND ARGS`)
// over stdio with the official SDK, in the current folder, and sends it the instructions that
// arrive on stdin as one prompt. Everything the agent reports is printed as one JSON line each
// (lib/core/agents/acp-events.ts reads them): the session, its updates (messages, tool calls and
// their status, plans, usage), each permission asked and how it was answered, and the result.
//
// FLOTILLA_ACP_PERMISSION answers permission requests the way the project's setting says:
// bypassPermissions allows every tool, acceptEdits allows reading and editing but not running
// commands, default refuses (nobody is there to ask). FLOTILLA_ACP_RESUME names a session to
// continue (session/resume, else session/load, else a new session). SIGTERM or SIGINT cancels
// the turn (session/cancel), then stops the agent if it has not ended within a few seconds.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import * as acp from "@agentclientprotocol/sdk";

const CANCEL_GRACE_MS = Number(process.env.FLOTILLA_ACP_CANCEL_GRACE_MS ?? 3000);
const separator = process.argv.indexOf("--");
const argv = separator >= 0 ? process.argv.slice(separator + 1) : [];
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

if (argv.length === 0) {
  emit({ type: "error", message: "acp-client.mjs needs the ACP agent's command after --" });
  process.exit(2);
}

const prompt = readFileSync(0, "utf8");
const permission = process.env.FLOTILLA_ACP_PERMISSION ?? "bypassPermissions";
const resumeId = process.env.FLOTILLA_ACP_RESUME || null;
const cwd = process.cwd();

const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ["pipe", "pipe", "inherit"] });
let childExit = null;
const exited = new Promise((resolve) => {
  child.on("exit", (code, signal) => {
    childExit = { code, signal };
    resolve(childExit);
  });
  child.on("error", (error) => {
    emit({ type: "error", message: `could not start the ACP agent "${argv[0]}": ${error.message}` });
    childExit = { code: 127, signal: null };
    resolve(childExit);
  });
});

/** Which option to pick for a tool the agent wants to run, by the project's permission setting. */
function answerPermission(params) {
  const kind = params.toolCall?.kind ?? "other";
  const allowed =
    permission === "bypassPermissions" ||
    (permission === "acceptEdits" && ["read", "edit", "search", "think", "fetch", "move"].includes(kind));
  const options = params.options ?? [];
  // Once, never always: an "always" answer can leave lasting permission rules in the agent.
  const pick = (kinds) => kinds.map((kind) => options.find((o) => o.kind === kind)).find(Boolean);
  const option = allowed ? pick(["allow_once", "allow_always"]) : pick(["reject_once", "reject_always"]);
  emit({
    type: "permission",
    toolCallId: params.toolCall?.toolCallId ?? null,
    title: params.toolCall?.title ?? kind,
    kind,
    allowed: Boolean(allowed && option),
  });
  return option
    ? { outcome: { outcome: "selected", optionId: option.optionId } }
    : { outcome: { outcome: "cancelled" } };
}

let replaying = false;
let sessionId = null;
let cancelled = false;
let context = null;

const app = acp
  .client({ name: "flotilla" })
  .onRequest(acp.methods.client.session.requestPermission, ({ params }) => answerPermission(params))
  .onNotification(acp.methods.client.session.update, ({ params }) => {
    // The agent's slash commands are of no use here (and several KB each time).
    if (!replaying && params.update.sessionUpdate !== "available_commands_update")
      emit({ type: "update", update: params.update });
  });

async function cancel() {
  if (cancelled) return;
  cancelled = true;
  if (context && sessionId) await context.notify(acp.methods.agent.session.cancel, { sessionId }).catch(() => {});
  setTimeout(() => {
    if (!childExit) child.kill("SIGTERM");
  }, CANCEL_GRACE_MS).unref();
}
process.on("SIGTERM", () => void cancel());
process.on("SIGINT", () => void cancel());

async function openSession(ctx, capabilities) {
  const base = { cwd, mcpServers: [] };
  if (resumeId) {
    const session = capabilities?.sessionCapabilities ?? {};
    if (session.resume) {
      await ctx.request(acp.methods.agent.session.resume, { ...base, sessionId: resumeId });
      return { sessionId: resumeId, resumed: "resume" };
    }
    if (capabilities?.loadSession) {
      replaying = true;
      try {
        await ctx.request(acp.methods.agent.session.load, { ...base, sessionId: resumeId });
      } finally {
        replaying = false;
      }
      return { sessionId: resumeId, resumed: "load" };
    }
    emit({ type: "log", message: "the ACP agent cannot resume a session: starting a new one" });
  }
  const created = await ctx.request(acp.methods.agent.session.new, base);
  return { sessionId: created.sessionId, resumed: null };
}

async function main() {
  const stream = acp.ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout));
  const result = await app.connectWith(stream, async (ctx) => {
    context = ctx;
    const init = await ctx.request(acp.methods.agent.initialize, {
      protocolVersion: acp.PROTOCOL_VERSION,
      clientCapabilities: {},
    });
    emit({ type: "initialized", agent: init.agentInfo ?? null, protocolVersion: init.protocolVersion });
    const session = await openSession(ctx, init.agentCapabilities);
    sessionId = session.sessionId;
    emit({ type: "session", sessionId, resumed: session.resumed });
    if (cancelled) return { stopReason: "cancelled" };
    return ctx.request(acp.methods.agent.session.prompt, { sessionId, prompt: [{ type: "text", text: prompt }] });
  });
  emit({ type: "result", stopReason: result.stopReason });
  child.stdin.end();
  const timer = setTimeout(() => child.kill("SIGTERM"), CANCEL_GRACE_MS);
  await exited;
  clearTimeout(timer);
  return result.stopReason === "end_turn" ? 0 : result.stopReason === "cancelled" ? 130 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    const message = error instanceof Error ? error.message : String(error?.message ?? error);
    const exit = childExit ?? (await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 500))]));
    emit({
      type: "error",
      message: exit
        ? `the ACP agent exited (${exit.signal ?? `code ${exit.code}`}) before it finished: ${message}`
        : message,
    });
    if (!childExit) child.kill("SIGTERM");
    process.exit(cancelled ? 130 : 1);
  },
);
