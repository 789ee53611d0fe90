// The built-in offline agent: a small Node program that writes a plausible file for each
// expected output. Needs no CLI, no network and no key.
import type { AgentAdapter } from "./agent-types";
import { flotillaEnv } from "./agent-types";
import { plainOutput } from "./agent-output";

export const demoAgent: AgentAdapter = {
  kind: "demo",
  label: "Demo agent (built in, offline)",
  defaultReview: "off",
  capabilities: { builtIn: true, plans: false, activity: false, cost: false, resume: false },
  program: () => null,
  parseLine: (line) => [plainOutput.parseLine(line)],
  summarize: plainOutput.summarize,
  finalText: plainOutput.finalText,
  versionArgs: [],
  buildCommand: (invocation) => ({
    ok: true,
    command: invocation.runtime.nodePath,
    args: [invocation.runtime.demoAgentPath],
    env: flotillaEnv(invocation),
  }),
};
