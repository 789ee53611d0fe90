// Applies committed migrations to the configured database (creating it on first use).
// Runs on install and on every start, so no manual migration step is ever needed.
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["--no-install", "prisma", "migrate", "deploy"], {
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
  env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.stderr.write("\nflotilla: applying database migrations failed (see above).\n");
  process.exit(result.status ?? 1);
}
const applied = /(\d+) migrations? found/.exec(result.stdout);
if (process.env.FLOTILLA_QUIET !== "1") {
  console.log(`flotilla: database ready${applied ? ` (${applied[1]} migrations)` : ""}.`);
}
