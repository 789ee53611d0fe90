import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "@/lib/testing/temp-dir";
import { isWorkerAlive, launchWorker, readWorkerPhase, readWorkerResult, stopWorker } from "./worker-process";

async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Processes of a process group that are still running (zombies waiting to be reaped do not count). */
function runningInGroup(pgid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return Number(pgrp) === pgid && state !== "Z" ? [Number(pid)] : [];
      } catch {
        return [];
      }
    });
}

describe("the worker wrapper", () => {
  it("runs the set-up first (phase 'setup'), then the agent, and records the result", async () => {
    const dir = tempDir();
    const pid = await launchWorker({
      attemptId: "test-attempt",
      dir,
      cwd: dir,
      command: process.execPath,
      args: ["-e", "console.log('agent ran')"],
      env: {},
      stdinFile: null,
      timeoutMs: 10_000,
      graceMs: 500,
      setup: {
        argv: [process.execPath, "-e", "console.log('installing'); setTimeout(() => {}, 700)"],
        timeoutMs: 10_000,
      },
    });
    expect(
      await until(
        () => readWorkerPhase(dir),
        (p) => p === "setup",
      ),
    ).toBe("setup");
    const result = await until(
      () => readWorkerResult(dir),
      (r) => r !== null,
    );
    expect(result).toMatchObject({ exitCode: 0, setupFailed: false, cancelled: false, timedOut: false });
    expect(readWorkerPhase(dir)).toBe("agent");
    expect(readFileSync(path.join(dir, "setup.log"), "utf8")).toContain("installing");
    expect(readFileSync(path.join(dir, "output.md"), "utf8")).toBe("agent ran\n");
    expect(readFileSync(path.join(dir, "exit-code"), "utf8")).toBe("0\n");
    await until(
      () => isWorkerAlive(pid),
      (alive) => !alive,
    );
  });

  it("stops during set-up when cancelled: the agent never starts", async () => {
    const dir = tempDir();
    const pid = await launchWorker({
      attemptId: "test-attempt",
      dir,
      cwd: dir,
      command: process.execPath,
      args: ["-e", "require('fs').writeFileSync('AGENT_RAN', '')"],
      env: {},
      stdinFile: null,
      timeoutMs: 10_000,
      graceMs: 500,
      setup: { argv: [process.execPath, "-e", "setTimeout(() => {}, 30000)"], timeoutMs: 60_000 },
    });
    await until(
      () => readWorkerPhase(dir),
      (p) => p === "setup",
    );
    stopWorker(pid);
    const result = await until(
      () => readWorkerResult(dir),
      (r) => r !== null,
    );
    expect(result).toMatchObject({ cancelled: true, setupFailed: false });
    expect(existsSync(path.join(dir, "AGENT_RAN"))).toBe(false);
  });

  it("times out an agent, stopping its whole process group", async () => {
    const dir = tempDir();
    await launchWorker({
      attemptId: "test-attempt",
      dir,
      cwd: dir,
      command: process.execPath,
      args: [
        "-e",
        "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000)",
      ],
      env: {},
      stdinFile: null,
      timeoutMs: 400,
      graceMs: 300,
      setup: null,
    });
    const result = await until(
      () => readWorkerResult(dir),
      (r) => r !== null,
    );
    expect(result).toMatchObject({ timedOut: true, cancelled: false });
    expect(readFileSync(path.join(dir, "agent.log"), "utf8")).toContain("timed out after 0 s: stopping the agent");
    const agentPid = Number(readFileSync(path.join(dir, "agent.pid"), "utf8"));
    // The agent and the child it started are gone (the whole group was killed).
    await until(
      () => runningInGroup(agentPid),
      (pids) => pids.length === 0,
      5_000,
    );
  });
});
