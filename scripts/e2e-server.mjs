// The browser tests' server: a fresh, empty data folder, then the normal start path.
import { rmSync } from "node:fs";
import path from "node:path";

const dataDir = process.env.FLOTILLA_DATA_DIR;
if (!dataDir || !path.isAbsolute(dataDir)) throw new Error("e2e-server needs an absolute FLOTILLA_DATA_DIR");
rmSync(dataDir, { recursive: true, force: true });
delete process.env.DATABASE_URL;
await import("./start.mjs");
