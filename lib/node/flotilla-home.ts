// Where Flotilla's own files live (its scripts), whether it runs as the web server or the CLI.
import path from "node:path";

export function flotillaHome(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.FLOTILLA_HOME || process.cwd());
}

export function scriptPath(name: "agent-wrapper.mjs" | "demo-agent.mjs"): string {
  return path.join(/*turbopackIgnore: true*/ flotillaHome(), "scripts", name);
}
