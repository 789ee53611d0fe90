import { describe, expect, it } from "vitest";
import { serializeWbs } from "../wbs/parse-wbs";
import { importPlan } from "./import-markdown";

const PLAN = `# Plan: build auth with OAuth, RBAC and audit logging

## Task 1: OAuth integration
Provider setup and callbacks.
Files:
- Create: \`src/auth/oauth.ts\`
- Test: \`tests/auth/oauth.test.ts\`
depends_on: none
Acceptance: login with GitHub works

## Task 2: RBAC
Roles and permissions.
**Files:** src/auth/rbac.ts, src/middleware/authorize.ts
depends_on: [Task 1]
Out of scope: OAuth

### WP-3: Audit logging
Files:
- src/audit/logger.ts
depends_on: 1, 2
`;

describe("importing a plan", () => {
  it("reads a Markdown plan with depends_on lines", () => {
    const result = importPlan(PLAN);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.wbs.task).toBe("build auth with OAuth, RBAC and audit logging");
    expect(result.wbs.work_packages).toEqual([
      {
        id: "WP-1",
        name: "OAuth integration",
        scope: "Provider setup and callbacks.",
        expected_outputs: ["src/auth/oauth.ts", "tests/auth/oauth.test.ts"],
        dependencies: [],
        status: "pending",
        acceptance: "login with GitHub works",
      },
      {
        id: "WP-2",
        name: "RBAC",
        scope: "Roles and permissions.",
        expected_outputs: ["src/auth/rbac.ts", "src/middleware/authorize.ts"],
        dependencies: ["WP-1"],
        status: "pending",
        out_of_scope: "OAuth",
      },
      {
        id: "WP-3",
        name: "Audit logging",
        scope: "Audit logging",
        expected_outputs: ["src/audit/logger.ts"],
        dependencies: ["WP-1", "WP-2"],
        status: "pending",
      },
    ]);
  });

  it("names the line of a dependency on a task that does not exist", () => {
    const result = importPlan(PLAN.replace("depends_on: [Task 1]", "depends_on: Task 7"));
    expect(result).toEqual({
      ok: false,
      errors: ['line 14: WP-2 depends on "Task 7", which is not a task in this plan'],
    });
  });

  it("names the task's line for validation problems (a vague output, a loop)", () => {
    const vague = importPlan(PLAN.replace("- src/audit/logger.ts", "- the audit module"));
    expect(vague.ok).toBe(false);
    if (!vague.ok)
      expect(vague.errors[0]).toMatch(/^line 17: WP-3 \(Audit logging\): "the audit module" reads like a description/);
    const loop = importPlan(PLAN.replace("depends_on: none", "depends_on: Task 3"));
    if (!loop.ok)
      expect(loop.errors).toEqual([
        "line 3: Dependency loop WP-1 → WP-3 → WP-1: none of these can start; remove one of the dependencies",
      ]);
    expect(loop.ok).toBe(false);
  });

  it("refuses a file with no task headings, saying how to write one", () => {
    expect(importPlan("just some notes")).toEqual({
      ok: false,
      errors: ['No tasks found: give each task a heading such as "## Task 1: OAuth integration"'],
    });
  });

  it("reads wbs.json too, naming the field of a problem", () => {
    const imported = importPlan(PLAN);
    if (!imported.ok) throw new Error("setup");
    const again = importPlan(serializeWbs(imported.wbs));
    expect(again).toEqual({ ok: true, wbs: imported.wbs, warnings: [] });
    const bad = JSON.parse(serializeWbs(imported.wbs));
    bad.work_packages[1].expected_outputs = ["/etc/passwd"];
    const result = importPlan(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain("(field work_packages[1].expected_outputs[0])");
  });
});
