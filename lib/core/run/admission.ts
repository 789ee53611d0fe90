// Admission by the machine, not only by count: a new agent starts only while free memory and the
// load allow it. Pure: the machine's figures come in from a probe (lib/node/process/machine-load).
export interface MachineLoad {
  /** Memory the kernel could give a new process now (MemAvailable), in MB. */
  freeMemoryMb: number;
  totalMemoryMb: number;
  /** The 1-minute load average. */
  load1: number;
  cores: number;
}

export interface AdmissionLimits {
  minFreeMemoryMb: number;
  maxLoadPerCore: number;
}

/**
 * What blank settings mean on a machine: keep a tenth of its memory free (at least 1 GiB, at most
 * 4 GiB: an agent CLI with a test suite takes a few hundred MB to a few GB), and start nothing new
 * while each core already has two runnable processes waiting.
 */
export function admissionDefaults(machine: Pick<MachineLoad, "totalMemoryMb" | "cores">): AdmissionLimits {
  return {
    minFreeMemoryMb: Math.round(Math.min(4096, Math.max(1024, machine.totalMemoryMb / 10))),
    maxLoadPerCore: 2,
  };
}

export function admissionLimits(
  options: { minFreeMemoryMb: number | null; maxLoadPerCore: number | null },
  machine: Pick<MachineLoad, "totalMemoryMb" | "cores">,
): AdmissionLimits {
  const defaults = admissionDefaults(machine);
  return {
    minFreeMemoryMb: options.minFreeMemoryMb ?? defaults.minFreeMemoryMb,
    maxLoadPerCore: options.maxLoadPerCore ?? defaults.maxLoadPerCore,
  };
}

/** Why new agents wait for the machine, with the figures; null: they may start. */
export type AdmissionHold =
  | { resource: "memory"; freeMemoryMb: number; minFreeMemoryMb: number }
  | { resource: "cpu"; loadPerCore: number; maxLoadPerCore: number };

/**
 * Whether the machine takes another agent. `agentsRunning`: this run's agents now. With none
 * running, one always starts, so a busy machine slows a run down but never stalls it for good.
 */
export function admissionHold(
  limits: AdmissionLimits,
  machine: MachineLoad,
  agentsRunning: number,
): AdmissionHold | null {
  if (agentsRunning === 0) return null;
  if (machine.freeMemoryMb < limits.minFreeMemoryMb)
    return {
      resource: "memory",
      freeMemoryMb: Math.round(machine.freeMemoryMb),
      minFreeMemoryMb: limits.minFreeMemoryMb,
    };
  const loadPerCore = machine.load1 / Math.max(1, machine.cores);
  if (loadPerCore >= limits.maxLoadPerCore)
    return { resource: "cpu", loadPerCore: Math.round(loadPerCore * 100) / 100, maxLoadPerCore: limits.maxLoadPerCore };
  return null;
}

/** The words on a held package's card, e.g. "Waiting for memory: 812 MB free, needs 2048 MB". */
export function describeAdmissionHold(hold: AdmissionHold): string {
  return hold.resource === "memory"
    ? `Waiting for memory: ${hold.freeMemoryMb} MB free, needs ${hold.minFreeMemoryMb} MB to start another agent`
    : `Waiting for CPU: load ${hold.loadPerCore} per core, starts below ${hold.maxLoadPerCore}`;
}
