// ESLint: Next's rules (React, hooks, accessibility, TypeScript) plus the layer table of
// docs/architecture.md as import rules, so a layer that reaches upward fails the lint.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** Imports a layer must not make; type-only imports stay allowed where noted. */
const forbid = (files, patterns, allowTypeImports = false) => ({
  files,
  // Tests may read files and start processes to check the layer they test.
  ignores: ["**/*.test.ts"],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      { patterns: patterns.map(([group, message]) => ({ group, message, allowTypeImports })) },
    ],
  },
});

const ENGINE = [["@/lib/server/*", "@/lib/server/**"], "the server (database, engine) is not for this layer"];
const OUTSIDE = [["@/lib/node/*", "@/lib/node/**"], "the outside world (processes, git, files) is not for this layer"];
const UI = [["@/components/*", "@/components/**", "@/app/*", "@/app/**"], "UI and routes sit above this layer"];
const ACTIONS = [
  ["@/lib/actions/*", "@/lib/actions/**", "@/lib/cli/*", "@/lib/cli/**", "@/lib/client/*", "@/lib/client/**"],
  "actions, the CLI and client hooks sit above this layer",
];

const config = [
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "test-results/**",
      "data/**",
      "bench/results.json",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // The domain core: pure TypeScript, no framework, no database, no processes or files.
  forbid(
    ["lib/core/**/*.ts"],
    [
      [
        [
          "next",
          "next/*",
          "react",
          "react-dom",
          "@prisma/*",
          "@/lib/generated/**",
          "execa",
          "simple-git",
          "better-sqlite3",
        ],
        "lib/core is pure: pass what it needs in as arguments",
      ],
      [
        ["node:*", "fs", "fs/*", "child_process", "path", "os"],
        "lib/core does no I/O: the outside world sits behind lib/node",
      ],
      ENGINE,
      OUTSIDE,
      UI,
      ACTIONS,
    ],
  ),
  forbid(
    ["lib/node/**"],
    [ENGINE, UI, ACTIONS, [["next", "next/*", "react", "react-dom"], "lib/node is the outside world, not the UI"]],
  ),
  forbid(["lib/server/**"], [UI, ACTIONS, [["react", "react-dom"], "the server layer renders nothing"]]),
  forbid(["lib/actions/**"], [UI]),
  forbid(["lib/cli/**"], [UI, [["next", "next/*", "react", "react-dom"], "the CLI does not use the web framework"]]),
  // The browser side: server and outside-world code only as types.
  forbid(
    ["components/**", "lib/client/**"],
    [ENGINE, OUTSIDE, [["@/lib/cli/*", "@/lib/cli/**"], "the CLI is not for the UI"]],
    true,
  ),
];

export default config;
