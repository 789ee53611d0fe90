// `npm start`: apply migrations, build when the sources changed since the last build, then serve
// on 127.0.0.1:3000 (HOST and PORT override). One command from a fresh clone to a running app.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.FLOTILLA_DIST_DIR || ".next";
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

const dataDir = path.resolve(root, process.env.FLOTILLA_DATA_DIR || "data");
const serverEnv = { NEXT_TELEMETRY_DISABLED: "1", FLOTILLA_HOST: host };

// Beyond this machine, every request needs the access token: it is made on first start, kept
// in the data folder readable by this user only, and printed once.
if (!LOOPBACK.has(host)) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tokenFile = path.join(dataDir, "access-token");
  let token = existsSync(tokenFile) ? readFileSync(tokenFile, "utf8").trim() : "";
  if (!token) {
    token = randomBytes(24).toString("base64url");
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    console.log(
      `flotilla: listening on ${host} requires an access token. Your token (shown once, kept in ${tokenFile}):\n\n    ${token}\n`,
    );
  } else {
    console.log(`flotilla: listening on ${host}; the access token is in ${tokenFile}.`);
  }
  chmodSync(tokenFile, 0o600);
  serverEnv.FLOTILLA_ACCESS_TOKEN = token;
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
  for (const entry of [
    "app",
    "components",
    "lib",
    "public",
    "next.config.ts",
    "package-lock.json",
    "postcss.config.mjs",
    "tsconfig.json",
  ]) {
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
  run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

console.log(`flotilla: serving on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
// Next's own binary, not npx: signals (Ctrl+C, SIGTERM) must reach the server itself.
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// npm puts this project's node_modules/.bin first on PATH; agent CLIs the user installed (their
// own `claude`) come first, and the bundled ones only when nothing else is installed.
const ownBin = path.join(root, "node_modules", ".bin");
const searchPath = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => dir && path.resolve(dir) !== ownBin);
const server = spawn(process.execPath, [nextBin, "start", "-H", host, "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...serverEnv, PATH: [...searchPath, ownBin].join(path.delimiter) },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
