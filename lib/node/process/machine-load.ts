// This machine's free memory and load, for admission (lib/core/run/admission.ts). Inside a
// container with a memory limit (cgroup v2 or v1), what the limit leaves counts when it is less
// than what the host has free. FLOTILLA_ADMISSION=off turns admission off (start by count only),
// =memory looks at memory only, e.g. where the load average is the host's and says nothing about
// this container, or on a test machine whose load is the test suite's own.
import { readFileSync } from "node:fs";
import os from "node:os";
import type { MachineLoad } from "@/lib/core/run/admission";

const MB = 1024 * 1024;

function readNumber(file: string): number | null {
  try {
    const n = Number(readFileSync(file, "utf8").trim());
    return Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** A field of a cgroup's memory.stat (bytes), or 0. */
function statField(file: string, field: string): number {
  try {
    const line = readFileSync(file, "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${field} `));
    const n = Number(line?.split(" ")[1]);
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0;
  }
}

/**
 * The container's memory limit and use in bytes, if it has a limit. Its use counts the page
 * cache, which the kernel gives back under pressure: the inactive file pages are left out, as
 * `docker stats` and the kubelet do.
 */
function cgroupMemory(): { limit: number; used: number } | null {
  for (const [dir, limitFile, usedFile, inactive] of [
    ["/sys/fs/cgroup", "memory.max", "memory.current", "inactive_file"],
    ["/sys/fs/cgroup/memory", "memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file"],
  ]) {
    const limit = readNumber(`${dir}/${limitFile}`);
    const used = readNumber(`${dir}/${usedFile}`);
    // "max" (no limit) reads as NaN; v1's "no limit" is a huge number above the machine's memory.
    if (limit !== null && used !== null && limit < os.totalmem())
      return { limit, used: Math.max(0, used - statField(`${dir}/memory.stat`, inactive)) };
  }
  return null;
}

export function machineLoad(): MachineLoad {
  const cgroup = cgroupMemory();
  // libuv reads MemAvailable: what a new process can get without swapping.
  const free = Math.min(os.freemem(), cgroup ? Math.max(0, cgroup.limit - cgroup.used) : Infinity);
  return {
    freeMemoryMb: free / MB,
    totalMemoryMb: (cgroup ? Math.min(cgroup.limit, os.totalmem()) : os.totalmem()) / MB,
    load1: os.loadavg()[0],
    cores: os.availableParallelism(),
  };
}

/**
 * The probe the engine uses: null when FLOTILLA_ADMISSION=off; with FLOTILLA_ADMISSION=memory
 * the load average is not looked at (only free memory holds agents back).
 */
export function machineProbe(): MachineLoad | null {
  const mode = process.env.FLOTILLA_ADMISSION;
  if (mode === "off") return null;
  const load = machineLoad();
  return mode === "memory" ? { ...load, load1: 0 } : load;
}
