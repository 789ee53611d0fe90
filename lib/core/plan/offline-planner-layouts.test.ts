// The offline planner on trees copied from real repositories: each plan's files follow that
// repository's own layout, extension and test naming.
import { describe, expect, it } from "vitest";
import * as REAL from "./layout-fixtures";
import { planOffline } from "./offline-planner";
import type { PlanRequest } from "./plan-request";
import { detectConventions } from "./repo-conventions";

const plan = (tree: string[], task: string, count: number, deps: PlanRequest["deps"] = "independent") =>
  planOffline({ request: { task, count, deps }, conventions: detectConventions(tree), created: "x" }).work_packages;
const outputs = (tree: string[], task: string, count: number) =>
  plan(tree, task, count).map((p) => [p.name, p.expected_outputs]);

describe("offline planner on real layouts", () => {
  it("a monorepo with a test folder per package (babel): a new babel-* package each, tests as the repo writes them", () => {
    const task = "Add three packages: slugify, debounce and retry, each with types and tests, and a README";
    const packages = plan(REAL.MONOREPO_TEST_DIR, task, 3);
    expect(packages.map((p) => [p.name, p.expected_outputs])).toEqual(
      ["slugify", "debounce", "retry"].map((n) => [
        n.charAt(0).toUpperCase() + n.slice(1),
        [
          `packages/babel-${n}/src/index.ts`,
          `packages/babel-${n}/test/index.js`,
          `packages/babel-${n}/package.json`,
          `packages/babel-${n}/README.md`,
        ],
      ]),
    );
    expect(packages[0].scope).toBe(
      "Slugify. The task asks every package for: types; tests. It documents its own work in packages/babel-slugify/README.md.",
    );
    expect(packages[0].acceptance).toContain("packages/babel-slugify/test/index.js passes");
  });

  it("a monorepo with tests beside the sources (changesets): a module in the package the task names, or a new package", () => {
    expect(
      outputs(REAL.MONOREPO_BESIDE, "Add retry support to the cli package and a changelog-gitlab package", 2),
    ).toEqual([
      ["Retry support to the cli package", ["packages/cli/src/retry.ts", "packages/cli/src/retry.test.ts"]],
      [
        "Changelog-gitlab package",
        [
          "packages/changelog-gitlab/src/index.ts",
          "packages/changelog-gitlab/src/index.test.ts",
          "packages/changelog-gitlab/package.json",
        ],
      ],
    ]);
  });

  it("a layered web service: a model in models, an endpoint in routes and controllers, tests where it keeps them", () => {
    expect(
      outputs(REAL.LAYERED_SERVICE, "Add a Product model and a products endpoint, including error handling", 2),
    ).toEqual([
      ["Product model", ["src/models/product.model.js", "tests/unit/models/product.model.test.js"]],
      [
        "Products endpoint",
        [
          "src/routes/v1/products.route.js",
          "src/controllers/products.controller.js",
          "tests/integration/products.test.js",
        ],
      ],
    ]);
    // "3 endpoints": the count is the listed parts' kind, never a package of its own.
    expect(
      outputs(REAL.LAYERED_SERVICE, "Add 3 endpoints: users, orders, carts", 3).map(([, files]) => files[0]),
    ).toEqual(["src/routes/v1/users.route.js", "src/routes/v1/orders.route.js", "src/routes/v1/carts.route.js"]);
  });

  it("a Python package (typer): modules in the package, tests/test_*.py", () => {
    expect(outputs(REAL.PYTHON_PACKAGE, "Add shell completion for nushell and a config loader, with tests", 2)).toEqual(
      [
        [
          "Shell completion for nushell",
          ["typer/shell_completion_nushell.py", "tests/test_shell_completion_nushell.py"],
        ],
        ["Config loader", ["typer/config_loader.py", "tests/test_config_loader.py"]],
      ],
    );
  });

  it("a Go module (go-task): internal/<pkg>/<pkg>.go with its _test.go beside it", () => {
    const packages = plan(
      REAL.GO_MODULE,
      "Add a rate limiter and a retry policy, and make sure everything is tested",
      2,
    );
    expect(packages.map((p) => p.expected_outputs)).toEqual([
      ["internal/ratelimiter/ratelimiter.go", "internal/ratelimiter/ratelimiter_test.go"],
      ["internal/retrypolicy/retrypolicy.go", "internal/retrypolicy/retrypolicy_test.go"],
    ]);
    expect(packages[1].scope).toBe("A retry policy. The task asks every package for: tests.");
  });

  it("a library with lib/ and test/ (express): its tests carry no .test suffix, its README is Readme.md", () => {
    const packages = plan(REAL.EXPRESS, "Add a JSONP sanitizer and a CORS helper, plus docs", 3, "some");
    expect(packages.map((p) => [p.name, p.expected_outputs, p.dependencies])).toEqual([
      ["JSONP sanitizer", ["lib/jsonp-sanitizer.js", "test/jsonp-sanitizer.js"], []],
      ["CORS helper", ["lib/cors-helper.js", "test/cors-helper.js"], []],
      ["Documentation", ["Readme.md"], ["WP-1", "WP-2"]],
    ]);
    expect(packages[2].scope).toContain(
      "It documents the work of WP-1 (JSONP sanitizer), WP-2 (CORS helper) in Readme.md: what each adds and how to use it.",
    );
  });

  it("ten unnamed utility modules: numbered, grouped into the requested count, never a package named 'ten'", () => {
    const task = "Build ten utility modules, each with types and tests, and a README";
    const three = plan(REAL.PYTHON_PACKAGE, task, 3);
    expect(three.map((p) => p.name)).toEqual(["Utility modules 1–3", "Utility modules 4–7", "Utility modules 8–10"]);
    expect(three[0].scope).toContain("Utility modules 1–3 of the 10 utility modules the task asks for.");
    expect(three[0].expected_outputs).toEqual([
      "typer/utility_1.py",
      "tests/test_utility_1.py",
      "docs/utility-1.md",
      "typer/utility_2.py",
      "tests/test_utility_2.py",
      "docs/utility-2.md",
      "typer/utility_3.py",
      "tests/test_utility_3.py",
      "docs/utility-3.md",
    ]);
    const ten = plan(REAL.GO_MODULE, task, 10);
    expect(ten.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Utility module ${i + 1}`));
    expect(ten[9].expected_outputs).toEqual([
      "internal/utility10/utility10.go",
      "internal/utility10/utility10_test.go",
      "internal/utility10/doc.go",
    ]);
    const names = [...three, ...ten].map((p) => p.name.toLowerCase());
    for (const bad of ["ten", "each with types and tests", "tests", "types", "readme"])
      expect(names).not.toContain(bad);
  });
});
