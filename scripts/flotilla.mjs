#!/usr/bin/env node
// The `flotilla` command. Runs the TypeScript CLI through tsx, from Flotilla's own folder, so the
// CLI and the web server share one database wherever the command is started.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const home = path.resolve(import.meta.dirname, "..");
process.env.FLOTILLA_HOME ??= home;
register({ tsconfig: path.join(home, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(home, "lib", "cli", "main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
