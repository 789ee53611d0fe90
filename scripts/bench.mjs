// npm run bench: runs bench/main.ts through tsx (same path aliases as the app).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const home = path.resolve(import.meta.dirname, "..");
process.env.FLOTILLA_HOME ??= home;
register({ tsconfig: path.join(home, "tsconfig.json") });
await import(pathToFileURL(path.join(home, "bench", "main.ts")).href);
