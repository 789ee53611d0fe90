// The settings a newly registered project starts with (the database's column defaults say the
// same). A command can check its input against these before anything is registered.
export const PROJECT_DEFAULTS = {
  agent: "demo",
  agentSettings: "{}",
  concurrency: 3,
  staggerSeconds: 12,
  timeoutSeconds: 600,
  reviewMode: "auto",
  budgetUsd: null as number | null,
  testCommand: null as string | null,
  setupCommand: null as string | null,
  copyFiles: "[]",
  resolveRounds: 2,
  packageBudgetUsd: null as number | null,
  minFreeMemoryMb: null as number | null,
  maxLoadPerCore: null as number | null,
  remote: null as string | null,
  autoDeliver: "off",
  webhooks: "[]",
};
