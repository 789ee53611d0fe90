import { describe, expect, it } from "vitest";
import { normalizeOutputPath } from "../wbs/output-path";
import { validateWbs } from "../wbs/validate-wbs";
import { planOffline } from "./offline-planner";
import { DEPENDENCY_MODES, type PlanRequest } from "./plan-request";
import * as REAL from "./layout-fixtures";
import { detectConventions } from "./repo-conventions";

const REPOS = {
  typescript: detectConventions([
    "package.json",
    "tsconfig.json",
    "src/index.ts",
    "src/user-service.ts",
    "src/http/router.ts",
    "tests/user-service.test.ts",
    "README.md",
  ]),
  python: detectConventions([
    "pyproject.toml",
    "shop/__init__.py",
    "shop/cart.py",
    "shop/payment_gateway.py",
    "tests/test_cart.py",
    "README.md",
  ]),
  go: detectConventions(["go.mod", "cmd/app/main.go", "internal/store/store.go", "internal/store/store_test.go"]),
  ...Object.fromEntries(Object.entries(REAL).map(([name, tree]) => [name, detectConventions(tree)])),
};

const TASKS = [
  "build a full authentication system with OAuth, RBAC, and audit logging",
  "Add a REST API for orders. Store orders in Postgres. Send an email when an order ships.",
  "Create a CLI with commands:\n- init a project\n- deploy to staging\n- roll back a release\n- show logs",
  "Refactor the billing module",
  "Implement search, filtering, pagination and sorting for the product catalog",
  "Build a chat app including websockets, message history, typing indicators and read receipts",
  "Set up CI; add linting; add code coverage reports",
  "Write a markdown parser that supports headings, lists, links, code blocks, tables, footnotes, images, emphasis, blockquotes, and HTML escaping, plus a CLI",
  "Add dark mode",
  "Create an invoice generator with PDF export and email delivery, and a dashboard that uses the invoice generator",
  "Support uploads: resize images, scan files for viruses and store them in S3",
  "Migrate the user table to the new schema and backfill existing rows",
  "Build ten utility modules, each with types and tests, and a README",
  "Add 3 endpoints: users, orders, carts. Make sure everything is typed.",
  "Add a Product model and a products endpoint, including error handling",
];

describe("offline planner", () => {
  it("splits the OAuth/RBAC/audit example into three packages with distinct files", () => {
    const wbs = planOffline({
      request: { task: TASKS[0], count: 3, deps: "independent" },
      conventions: REPOS.typescript,
      created: "2026-11-21T00:00:00Z",
    });
    expect(wbs.work_packages.map((p) => [p.id, p.name, p.expected_outputs, p.dependencies])).toEqual([
      // Its one test sits flat in tests/, so new tests do too.
      ["WP-1", "OAuth", ["src/authentication/oauth.ts", "tests/oauth.test.ts"], []],
      ["WP-2", "RBAC", ["src/authentication/rbac.ts", "tests/rbac.test.ts"], []],
      ["WP-3", "Audit logging", ["src/authentication/audit-logging.ts", "tests/audit-logging.test.ts"], []],
    ]);
    expect(wbs.work_packages[0].out_of_scope).toBe("What the other packages build: WP-2 (RBAC), WP-3 (Audit logging)");
    expect(wbs.work_packages[0].acceptance).toContain("tests/oauth.test.ts passes");
  });

  it("follows each repository's conventions", () => {
    const py = planOffline({
      request: { task: TASKS[0], count: 3, deps: "independent" },
      conventions: REPOS.python,
      created: "x",
    });
    // Python modules sit in the package itself: a new subfolder would need its own __init__.py.
    expect(py.work_packages[2].expected_outputs).toEqual(["shop/audit_logging.py", "tests/test_audit_logging.py"]);
    const go = planOffline({
      request: { task: TASKS[0], count: 3, deps: "independent" },
      conventions: REPOS.go,
      created: "x",
    });
    expect(go.work_packages[2].expected_outputs).toEqual([
      "internal/authentication/audit_logging.go",
      "internal/authentication/audit_logging_test.go",
    ]);
  });

  it("shapes dependencies by mode: none, a chain, or mentions", () => {
    const plan = (deps: PlanRequest["deps"]) =>
      planOffline({
        request: { task: TASKS[9], count: 2, deps },
        conventions: REPOS.typescript,
        created: "x",
      }).work_packages.map((p) => p.dependencies);
    expect(plan("independent")).toEqual([[], []]);
    expect(plan("sequential")).toEqual([[], ["WP-1"]]);
    // "a dashboard that uses the invoice generator" mentions the first part.
    expect(plan("some")).toEqual([[], ["WP-1"]]);
  });

  for (const [repoName, conventions] of Object.entries(REPOS)) {
    it(`always produces exactly the requested count of valid, non-overlapping packages (${repoName})`, () => {
      for (const task of TASKS) {
        for (const count of [1, 3, 4, 5, 10]) {
          for (const deps of DEPENDENCY_MODES) {
            const wbs = planOffline({ request: { task, count, deps }, conventions, created: "2026-11-21T00:00:00Z" });
            const where = `${repoName} | ${task.slice(0, 30)} | ${count} | ${deps}`;
            expect(wbs.work_packages, where).toHaveLength(count);
            const validation = validateWbs(wbs);
            expect(validation.errors, where).toEqual([]);
            expect(
              validation.warnings.filter((w) => w.code === "output-overlap"),
              where,
            ).toEqual([]);
            const files = wbs.work_packages.flatMap((p) => p.expected_outputs.map(normalizeOutputPath));
            expect(new Set(files).size, where).toBe(files.length);
            if (deps === "independent")
              expect(
                wbs.work_packages.every((p) => p.dependencies.length === 0),
                where,
              ).toBe(true);
          }
        }
      }
    });
  }
});
