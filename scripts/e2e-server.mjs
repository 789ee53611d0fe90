// The browser tests' server: a fresh, empty data folder, then the normal start path.
import { rmSync } from "node:fs";
import path from "node:path";

const dataDir = process.env.FLOTILLA_DATA_DIR;
if (!dataDir || !path.isAbsolute(dataDir)) throw new Error("e2e-server needs an absolute FLOTILLA_DATA_DIR");
rmSync(dataDir, { recursive: true, force: true });
if (process.env.CLAUDE_CONFIG_DIR) rmSync(process.env.CLAUDE_CONFIG_DIR, { recursive: true, force: true });
// The bundled Claude Code CLI, however the tests were started.
process.env.PATH = `${process.env.PATH}${path.delimiter}${path.resolve("node_modules", ".bin")}`;
delete process.env.DATABASE_URL;
await import("./start.mjs");
