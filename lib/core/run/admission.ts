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

/**
 * Memory a new agent is counted as taking until it has run a while: its own allocations do not
 * show in the free figure at once, so agents started in one tick would otherwise all be admitted
 * against the same free memory.
 */
export const NEW_AGENT_MEMORY_MB = 1024;
/** How long an agent counts as new (its memory still growing). */
export const RAMP_UP_MS = 30_000;

/** Why new agents wait for the machine, with the figures; null: they may start. */
export type AdmissionHold =
  | { resource: "memory"; freeMemoryMb: number; minFreeMemoryMb: number; newAgentMb: number; startingAgents: number }
  | { resource: "cpu"; loadPerCore: number; maxLoadPerCore: number }
  /** The runner (this machine) is draining: it finishes its running work and starts nothing new. */
  | { resource: "runner"; runner: string };

/**
 * How many more agents the machine takes now, and why no more (null: no machine limit applies).
 * `startingAgents`: agents started in the last RAMP_UP_MS, each counted as NEW_AGENT_MEMORY_MB
 * on top of what the free figure shows. The planner still starts one when none of the run's
 * agents runs, so a busy machine slows a run down but never stalls it.
 */
export function admission(
  limits: AdmissionLimits,
  machine: MachineLoad,
  startingAgents: number,
): { slots: number; hold: AdmissionHold | null } {
  const loadPerCore = machine.load1 / Math.max(1, machine.cores);
  if (loadPerCore >= limits.maxLoadPerCore)
    return {
      slots: 0,
      hold: { resource: "cpu", loadPerCore: Math.round(loadPerCore * 10) / 10, maxLoadPerCore: limits.maxLoadPerCore },
    };
  const spare = machine.freeMemoryMb - limits.minFreeMemoryMb - startingAgents * NEW_AGENT_MEMORY_MB;
  const slots = Math.max(0, Math.floor(spare / NEW_AGENT_MEMORY_MB));
  // Rounded, so the words on a waiting card change when the figures do, not on every tick.
  const hold: AdmissionHold = {
    resource: "memory",
    freeMemoryMb: Math.round(machine.freeMemoryMb / 100) * 100,
    minFreeMemoryMb: limits.minFreeMemoryMb,
    newAgentMb: NEW_AGENT_MEMORY_MB,
    startingAgents,
  };
  return { slots, hold };
}

/** The words on a held package's card, e.g. "Waiting for memory: 812 MB free, …". */
export function describeAdmissionHold(hold: AdmissionHold): string {
  if (hold.resource === "runner")
    return `Waiting: runner ${hold.runner} is draining (it finishes its running work and starts nothing new); resume it on the Runners page`;
  if (hold.resource === "cpu")
    return `Waiting for CPU: load ${hold.loadPerCore} per core, starts below ${hold.maxLoadPerCore}`;
  const starting =
    hold.startingAgents > 0
      ? `, ${hold.startingAgents} agent${hold.startingAgents === 1 ? "" : "s"} still starting`
      : "";
  const mb = (n: number) => `${n.toLocaleString("en-US")} MB`;
  return `Waiting for memory: ${mb(hold.freeMemoryMb)} free${starting}; ${mb(hold.minFreeMemoryMb)} stay free and a new agent needs ${mb(hold.newAgentMb)}`;
}
