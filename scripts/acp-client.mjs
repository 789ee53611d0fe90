#!/usr/bin/env node
// Flotilla's Agent Client Protocol client: runs any ACP agent (`acp-client.mjs -- COMMAND ARGS`)
// over stdio with the official SDK, in the current folder, and sends it the instructions that
// arrive on stdin as one prompt. Everything the agent reports is printed as one JSON line each
// (lib/core/agents/acp-events.ts reads them): the session, its updates (messages, tool calls and
// their status, plans, usage), each permission asked and how it was answered, and the result.
//
// FLOTILLA_ACP_PERMISSION answers permission requests the way the project's setting says:
// bypassPermissions allows every tool, acceptEdits allows reading and editing files inside the
// worktree but not running commands or fetching, anything else refuses (nobody is there to ask).
// Answers are "once", never "always", so no lasting rule is left in the agent. FLOTILLA_ACP_RESUME
// names a session to continue (session/resume, else session/load; if the agent cannot, a new
// session, and the output says so). SIGTERM or SIGINT cancels the turn (session/cancel) and stops
// the agent if it has not ended within a few seconds (SIGTERM, then SIGKILL). Flotilla's worker
// signals the whole process group, so the agent usually gets the same signal at once.
import { spawn } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
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
const permission = process.env.FLOTILLA_ACP_PERMISSION ?? "default";
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

/** The real path of `file`, or of its nearest existing folder (a file about to be created). */
function realPath(file) {
  let at = path.resolve(cwd, file);
  for (;;) {
    try {
      return path.join(realpathSync(at), path.relative(at, path.resolve(cwd, file)));
    } catch {
      const up = path.dirname(at);
      if (up === at) return path.resolve(cwd, file);
      at = up;
    }
  }
}
const worktree = realPath(cwd);
const inside = (file) => {
  const rel = path.relative(worktree, realPath(file));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** Which option to pick for a tool the agent wants to run, by the project's permission setting. */
function answerPermission(params) {
  const kind = params.toolCall?.kind ?? "other";
  const files = (params.toolCall?.locations ?? []).map((l) => l?.path).filter((p) => typeof p === "string");
  const allowed =
    permission === "bypassPermissions" ||
    (permission === "acceptEdits" &&
      ["read", "edit", "delete", "move", "search", "think"].includes(kind) &&
      files.every(inside));
  const options = params.options ?? [];
  // Once, never always: an "always" answer can leave lasting permission rules in the agent.
  const option = options.find((o) => o.kind === (allowed ? "allow_once" : "reject_once"));
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

/** Stops the agent: SIGTERM, then SIGKILL if it is still there after the grace period. */
async function stopAgent() {
  if (childExit) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), CANCEL_GRACE_MS);
  await exited;
  clearTimeout(killer);
}

async function cancel() {
  if (cancelled) return;
  cancelled = true;
  if (context && sessionId) await context.notify(acp.methods.agent.session.cancel, { sessionId }).catch(() => {});
  setTimeout(() => void stopAgent(), CANCEL_GRACE_MS).unref();
}
process.on("SIGTERM", () => void cancel());
process.on("SIGINT", () => void cancel());

/** Continues the session when asked and the agent can, else opens a new one (and says why). */
async function openSession(ctx, capabilities) {
  const base = { cwd, mcpServers: [] };
  if (resumeId) {
    const session = capabilities?.sessionCapabilities ?? {};
    try {
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
      emit({ type: "log", message: "The ACP agent cannot continue a session: it starts a new one" });
    } catch (error) {
      emit({
        type: "log",
        message: `The ACP agent could not continue session ${resumeId} (${error?.message ?? error}): it starts a new one`,
      });
    }
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
  // Its turn is over: it may exit by itself (its stdin closed); if not, it is stopped.
  const stopper = setTimeout(() => void stopAgent(), CANCEL_GRACE_MS);
  await exited;
  clearTimeout(stopper);
  return result.stopReason === "end_turn" ? 0 : result.stopReason === "cancelled" ? 130 : 1;
}

/** Exits once stdout is written out (process.exit could cut off the last line on a pipe). */
function finish(code) {
  process.exitCode = code;
  process.stdout.write("", () => process.exit(code));
}

main().then(finish, async (error) => {
  const message = error instanceof Error ? error.message : String(error?.message ?? error);
  const exit = childExit ?? (await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 500))]));
  emit({
    type: "error",
    message: exit
      ? `the ACP agent exited (${exit.signal ?? `code ${exit.code}`}) before it finished: ${message}`
      : message,
  });
  await stopAgent();
  finish(cancelled ? 130 : 1);
});
