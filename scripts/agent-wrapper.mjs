#!/usr/bin/env node
// Supervises one agent process, detached from whoever started it, so it outlives a server or CLI
// restart. It writes the team-of-teams files into the attempt folder: pid, agent.log (stdout and
// stderr), output.md (stdout), then result.json, exit-code and .done when the agent has ended.
// It enforces the timeout itself (TERM to the agent's process group, KILL after a grace period)
// and treats its own SIGTERM as a cancellation, stopping the agent the same way.
//
// usage: agent-wrapper.mjs <attempt-dir> <cwd> <timeout-ms> <grace-ms> <stdin-file|-> -- <command> [args...]
import { spawn } from "node:child_process";
import { createWriteStream, openSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const separator = process.argv.indexOf("--");
const [dir, cwd, timeoutArg, graceArg, stdinFile] = process.argv.slice(2, separator);
const [command, ...args] = process.argv.slice(separator + 1);
if (separator < 0 || !dir || !cwd || !command) {
  console.error("usage: agent-wrapper.mjs <dir> <cwd> <timeout-ms> <grace-ms> <stdin-file|-> -- <command> [args...]");
  process.exit(64);
}
const timeoutMs = Number(timeoutArg);
const graceMs = Number(graceArg);
const file = (name) => path.join(dir, name);
const startedAt = new Date();

let timedOut = false;
let cancelled = false;
let spawnError = null;
let finished = false;
let child = null;

// Signal handlers come first: a cancel that arrives while starting must not kill the wrapper
// before it has recorded anything.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => {
    if (finished) return;
    cancelled = true;
    if (child) {
      log?.write(`\n[flotilla] cancelled: stopping the agent\n`);
      stop();
    }
  });
}

writeFileSync(file("pid"), `${process.pid}\n`);
const log = createWriteStream(file("agent.log"), { flags: "a" });
const output = createWriteStream(file("output.md"));

child = spawn(command, args, {
  cwd,
  detached: true, // its own process group, so the whole tree can be stopped at once
  stdio: [stdinFile && stdinFile !== "-" ? openSync(stdinFile, "r") : "ignore", "pipe", "pipe"],
  env: process.env,
});
if (child.pid) writeFileSync(file("agent.pid"), `${child.pid}\n`);

child.stdout?.on("data", (chunk) => {
  log.write(chunk);
  output.write(chunk);
});
child.stderr?.on("data", (chunk) => log.write(chunk));

function signalGroup(signal) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** TERM the agent's process group, then KILL it if it has not ended after the grace period. */
function stop() {
  signalGroup("SIGTERM");
  setTimeout(() => signalGroup("SIGKILL"), graceMs).unref();
}

const timer = Number.isFinite(timeoutMs) && timeoutMs > 0
  ? setTimeout(() => {
      timedOut = true;
      log.write(`\n[flotilla] timed out after ${Math.round(timeoutMs / 1000)} s: stopping the agent\n`);
      stop();
    }, timeoutMs)
  : null;

child.on("error", (err) => {
  spawnError = err.code === "ENOENT" ? `program not found: ${command} (is it installed and on PATH?)` : String(err.message ?? err);
  log.write(`[flotilla] could not start the agent: ${spawnError}\n`);
});

child.on("close", (code, signal) => {
  finished = true;
  if (timer) clearTimeout(timer);
  // Anything left in the group (background children) goes with the agent.
  signalGroup("SIGKILL");
  const endedAt = new Date();
  const exitCode = spawnError ? 127 : code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : 1);
  const result = {
    exitCode,
    signal: signal ?? null,
    timedOut,
    cancelled,
    error: spawnError,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
  };
  let pending = 2;
  const done = () => {
    if (--pending > 0) return;
    writeFileSync(file("result.json.tmp"), `${JSON.stringify(result, null, 2)}\n`);
    renameSync(file("result.json.tmp"), file("result.json"));
    writeFileSync(file("exit-code"), `${exitCode}\n`);
    writeFileSync(file(".done"), "");
    process.exit(0);
  };
  log.end(done);
  output.end(done);
});

function signalNumber(name) {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 }[name];
}
