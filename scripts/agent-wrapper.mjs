#!/usr/bin/env node
// Supervises one package's work, detached from whoever started it, so it outlives a server or
// CLI restart. First the project's set-up command (if any: setup.log), then the agent (agent.log
// holds stdout and stderr, output.md stdout, stderr.log the agent's own error output). It writes the team-of-teams files into the attempt
// folder: pid, phase, then result.json, exit-code and .done when it is over. It enforces both
// timeouts itself (TERM to the process group, KILL after a grace period) and treats its own
// SIGTERM as a cancellation.
//
// usage: agent-wrapper.mjs <dir> <cwd> <timeout-ms> <grace-ms> <stdin-file|-> <setup-argv-json|-> <setup-timeout-ms> [--attempt=ID] -- <command> [args...]
// (--attempt=ID only marks the process, so an orchestrator that lost its pid can find it again.)
import { spawn } from "node:child_process";
import { createWriteStream, openSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

let cancelled = false;
let finished = false;
let current = null; // { child, stop } of the process running now

// Signal handlers come first: a cancel that arrives while starting must not kill the wrapper
// before it has recorded anything.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => {
    if (finished) return;
    cancelled = true;
    current?.stop("cancelled: stopping");
  });
}

const separator = process.argv.indexOf("--");
const [dir, cwd, timeoutArg, graceArg, stdinFile, setupArg, setupTimeoutArg] = process.argv.slice(2, separator);
const [command, ...args] = process.argv.slice(separator + 1);
if (separator < 0 || !dir || !cwd || !command) {
  console.error(
    "usage: agent-wrapper.mjs <dir> <cwd> <timeout-ms> <grace-ms> <stdin-file|-> <setup-json|-> <setup-timeout-ms> -- <command> [args...]",
  );
  process.exit(64);
}
const graceMs = Number(graceArg);
const file = (name) => path.join(dir, name);
const startedAt = new Date();
writeFileSync(file("pid"), `${process.pid}\n`);

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };

/** Runs one process in its own group; resolves with how it ended. */
function runProcess(program, argv, { stdin, out, err, timeoutMs, pidFile, label }) {
  return new Promise((resolve) => {
    let timedOut = false;
    let error = null;
    const child = spawn(program, argv, { cwd, detached: true, stdio: [stdin, "pipe", "pipe"], env: process.env });
    if (child.pid && pidFile) writeFileSync(file(pidFile), `${child.pid}\n`);
    const signalGroup = (signal) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const stop = (why) => {
      err[0].write(`\n[flotilla] ${why} the ${label}\n`);
      signalGroup("SIGTERM");
      setTimeout(() => signalGroup("SIGKILL"), graceMs).unref();
    };
    current = { child, stop };
    if (cancelled) stop("cancelled: stopping");
    child.stdout.on("data", (chunk) => out.forEach((s) => s.write(chunk)));
    child.stderr.on("data", (chunk) => err.forEach((s) => s.write(chunk)));
    const timer =
      Number.isFinite(timeoutMs) && timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            stop(`timed out after ${Math.round(timeoutMs / 1000)} s: stopping`);
          }, timeoutMs)
        : null;
    child.on("error", (e) => {
      error =
        e.code === "ENOENT" ? `program not found: ${program} (is it installed and on PATH?)` : String(e.message ?? e);
      err[0].write(`[flotilla] could not start the ${label}: ${error}\n`);
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      signalGroup("SIGKILL"); // background children go with it
      current = null;
      const exitCode = error ? 127 : (code ?? (signal ? 128 + (SIGNALS[signal] ?? 0) : 1));
      resolve({ exitCode, signal: signal ?? null, timedOut, error });
    });
  });
}

const endStream = (stream) => new Promise((resolve) => stream.end(resolve));

function finish(result) {
  finished = true;
  const endedAt = new Date();
  const full = {
    ...result,
    cancelled,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
  };
  writeFileSync(file("result.json.tmp"), `${JSON.stringify(full, null, 2)}\n`);
  renameSync(file("result.json.tmp"), file("result.json"));
  writeFileSync(file("exit-code"), `${full.exitCode}\n`);
  writeFileSync(file(".done"), "");
  process.exit(0);
}

const log = createWriteStream(file("agent.log"), { flags: "a" });

// 1. Set-up (e.g. npm ci), before any agent time is spent.
if (setupArg && setupArg !== "-") {
  writeFileSync(file("phase"), "setup\n");
  const [setupProgram, ...setupArgs] = JSON.parse(setupArg);
  const setupLog = createWriteStream(file("setup.log"), { flags: "a" });
  log.write(`[flotilla] setting up: ${[setupProgram, ...setupArgs].join(" ")}\n`);
  const setup = await runProcess(setupProgram, setupArgs, {
    stdin: "ignore",
    out: [setupLog],
    err: [setupLog],
    timeoutMs: Number(setupTimeoutArg),
    pidFile: "agent.pid",
    label: "set-up command",
  });
  await endStream(setupLog);
  if (setup.exitCode !== 0 || cancelled) {
    log.write(
      `[flotilla] the set-up command ${setup.timedOut ? "timed out" : `failed with exit code ${setup.exitCode}`}; the agent was not started\n`,
    );
    await endStream(log);
    finish({
      ...setup,
      timedOut: false,
      setupFailed: !cancelled,
      setupTimedOut: setup.timedOut,
      error: setup.error ?? (setup.timedOut ? "set-up timed out" : null),
    });
  }
}

// 2. The agent, with the instructions on stdin.
writeFileSync(file("phase"), "agent\n");
const output = createWriteStream(file("output.md"));
const errors = createWriteStream(file("stderr.log"));
const stdin = stdinFile && stdinFile !== "-" ? openSync(stdinFile, "r") : "ignore";
const agent = await runProcess(command, args, {
  stdin,
  out: [log, output],
  err: [log, errors],
  timeoutMs: Number(timeoutArg),
  pidFile: "agent.pid",
  label: "agent",
});
await Promise.all([endStream(log), endStream(output), endStream(errors)]);
finish({ ...agent, setupFailed: false });
