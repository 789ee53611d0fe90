// Where agent programs (and the user's test and set-up commands) are looked up: the user's own
// PATH first, Flotilla's bundled copies (its node_modules/.bin) last. npm and npx put the
// project's node_modules/.bin first, which would run our pinned Claude Code instead of the one
// the user installed.
import path from "node:path";
import { flotillaHome } from "../flotilla-home";

/** `envPath` with every folder inside Flotilla's own node_modules moved to the end. */
export function userFirstPath(envPath: string, home: string = flotillaHome()): string {
  const bundledRoot = path.join(path.resolve(home), "node_modules") + path.sep;
  const bundledBin = path.join(path.resolve(home), "node_modules", ".bin");
  const dirs = envPath.split(path.delimiter).filter(Boolean);
  const isBundled = (dir: string) => (path.resolve(dir) + path.sep).startsWith(bundledRoot);
  const user = dirs.filter((dir) => !isBundled(dir));
  const bundled = [...new Set([...dirs.filter(isBundled), bundledBin])];
  return [...new Set(user), ...bundled].join(path.delimiter);
}

/** The PATH every agent, reviewer, planner, test and set-up process gets. */
export function agentSearchPath(env: NodeJS.ProcessEnv = process.env): string {
  return userFirstPath(env.PATH ?? "");
}
