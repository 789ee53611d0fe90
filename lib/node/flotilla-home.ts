// Where Flotilla's own files live (its scripts), whether it runs as the web server or the CLI.
import path from "node:path";

export function flotillaHome(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.FLOTILLA_HOME || process.cwd());
}

export function scriptPath(name: "agent-wrapper.mjs" | "demo-agent.mjs" | "acp-client.mjs"): string {
  return path.join(/*turbopackIgnore: true*/ flotillaHome(), "scripts", name);
}

/** Where the agent adapters find Flotilla's own programs (the demo agent, the ACP client). */
export function agentRuntime(): { nodePath: string; demoAgentPath: string; acpClientPath: string } {
  return {
    nodePath: process.execPath,
    demoAgentPath: scriptPath("demo-agent.mjs"),
    acpClientPath: scriptPath("acp-client.mjs"),
  };
}
