// `npm start`: apply migrations, build when the sources changed since the last build, then serve
// on 127.0.0.1:3000 (HOST and PORT override). One command from a fresh clone to a running app.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.FLOTILLA_DIST_DIR || ".next";
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

if (!LOOPBACK.has(host)) {
  console.error(
    `flotilla: refusing to listen on ${host}. Flotilla starts programs with your permissions, so it only ` +
      "listens on this machine (127.0.0.1). Unset HOST, or reach it through an SSH tunnel.",
  );
  process.exit(2);
}
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`flotilla: PORT must be a number from 1 to 65535 (got "${port}").`);
  process.exit(2);
}

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Newest modification time under the folders and files the build depends on. */
function newestSourceTime() {
  let newest = 0;
  const visit = (target) => {
    if (!existsSync(target)) return;
    const info = statSync(target);
    if (info.isFile()) {
      newest = Math.max(newest, info.mtimeMs);
      return;
    }
    for (const entry of readdirSync(target)) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      visit(path.join(target, entry));
    }
  };
  for (const entry of ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"]) {
    visit(path.join(root, entry));
  }
  return newest;
}

function buildIsCurrent() {
  const buildId = path.join(root, distDir, "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceTime();
}

run(process.execPath, [path.join(root, "scripts", "migrate.mjs")]);
if (process.env.FLOTILLA_SKIP_BUILD !== "1" && !buildIsCurrent()) {
  console.log("flotilla: building the app (first start or sources changed)…");
  run("npx", ["--no-install", "next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
}

console.log(`flotilla: serving on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
const server = spawn("npx", ["--no-install", "next", "start", "-H", host, "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
