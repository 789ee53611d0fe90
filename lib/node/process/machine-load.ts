// This machine's free memory and load, for admission (lib/core/run/admission.ts).
import os from "node:os";
import type { MachineLoad } from "@/lib/core/run/admission";

export function machineLoad(): MachineLoad {
  return {
    // libuv reads MemAvailable: what a new process can get without swapping.
    freeMemoryMb: os.freemem() / 1024 / 1024,
    totalMemoryMb: os.totalmem() / 1024 / 1024,
    load1: os.loadavg()[0],
    cores: os.availableParallelism(),
  };
}
