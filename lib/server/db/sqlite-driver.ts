// Which build of better-sqlite3 this Node can run, and Prisma's adapter loaded on top of it.
//
// better-sqlite3 up to 12.x derives from node::ObjectWrap, whose destructor aborts the process on
// Node 24.19 and later ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook)
// whenever a garbage-collected statement is finalised outside a JavaScript context: a server
// that runs a query per request dies within minutes. 13.x is built on Node-API and is safe
// there, but needs Node 22 and crashes on Node 20. Both are installed (13.x under the alias
// `better-sqlite3-napi`, prebuilt, nothing to compile); Prisma's adapter imports
// `better-sqlite3` by name, so on Node 22.15+ a resolve hook sends that name to the alias.
// The adapter is loaded with require() after the hook is in place, never by a static import:
// an ES module's imports are resolved before any of its code runs.
import { createRequire } from "node:module";
import * as nodeModule from "node:module";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type ResolveHook = (
  specifier: string,
  context: unknown,
  nextResolve: (specifier: string, context?: unknown) => unknown,
) => unknown;
type RegisterHooks = (hooks: { resolve: ResolveHook }) => unknown;

export const NAPI_ALIAS = "better-sqlite3-napi";

export interface SqliteBuild {
  /** The package whose binary this process loads for `better-sqlite3`. */
  readonly module: "better-sqlite3" | typeof NAPI_ALIAS;
  readonly reason: string;
}

/** Decides from the Node version and what the runtime offers; pure, so it is tested directly. */
export function chooseSqliteBuild(nodeVersion: string, canHookResolution: boolean): SqliteBuild {
  const [major] = nodeVersion.replace(/^v/, "").split(".").map(Number);
  if (major < 22) return { module: "better-sqlite3", reason: `Node ${nodeVersion} runs better-sqlite3 11` };
  if (!canHookResolution) {
    return {
      module: "better-sqlite3",
      reason: `Node ${nodeVersion} has no module.registerHooks (Node 22.15+): better-sqlite3 11 is used`,
    };
  }
  return { module: NAPI_ALIAS, reason: `Node ${nodeVersion} runs better-sqlite3 13 (Node-API)` };
}

const state = globalThis as typeof globalThis & { __flotillaSqliteBuild?: SqliteBuild };

/** Puts the right build in place for this process (once) and says which one it is. */
export function selectSqliteBuild(): SqliteBuild {
  if (state.__flotillaSqliteBuild) return state.__flotillaSqliteBuild;
  const registerHooks = (nodeModule as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  const build = chooseSqliteBuild(process.versions.node, typeof registerHooks === "function");
  if (build.module === NAPI_ALIAS && registerHooks) {
    registerHooks({
      resolve: (specifier, context, nextResolve) =>
        nextResolve(specifier === "better-sqlite3" ? NAPI_ALIAS : specifier, context),
    });
  }
  state.__flotillaSqliteBuild = build;
  return build;
}

/** Prisma's better-sqlite3 adapter, on the build this Node can run. */
export function sqliteAdapter(): typeof PrismaBetterSQLite3 {
  selectSqliteBuild();
  const require = createRequire(import.meta.url);
  const loaded = require("@prisma/adapter-better-sqlite3") as { PrismaBetterSQLite3: typeof PrismaBetterSQLite3 };
  return loaded.PrismaBetterSQLite3;
}
