import { describe, expect, it } from "vitest";
import { renderInstructions } from "./render-instructions";
import { wbsOf, wp } from "./test-builders";

const plan = wbsOf(
  [
    wp("WP-1", [], {
      name: "OAuth Integration",
      scope: "OAuth provider setup",
      expected_outputs: ["src/auth/oauth.ts", "./src/auth/providers/google.ts"],
    }),
    wp("WP-2", ["WP-1"], {
      name: "RBAC",
      scope: "Role and permission models",
      in_scope: "roles, permissions, middleware",
      out_of_scope: "login flows",
      produces: "authorize(user, action)",
      consumes: "the session from WP-1",
      acceptance: "npm test passes",
      expected_outputs: ["src/auth/rbac.ts"],
    }),
    wp("WP-3", [], { name: "Audit Logging", scope: "Audit event model", expected_outputs: ["src/audit/logger.ts"] }),
  ],
  "build auth with OAuth, RBAC and audit logging",
);

describe("renderInstructions", () => {
  it("has the workflow's sections in order", () => {
    const text = renderInstructions(plan, "WP-1");
    const headings = text.split("\n").filter((l) => l.startsWith("#"));
    expect(headings).toEqual([
      "# Work Package WP-1: OAuth Integration",
      "## Task",
      "## Scope Boundaries",
      "## Expected Output",
      "## Integration Contract",
      "## Quality Expectations",
    ]);
  });

  it("lists explicit paths and names what the other packages handle", () => {
    const text = renderInstructions(plan, "WP-1");
    expect(text).toContain("  - src/auth/oauth.ts\n  - src/auth/providers/google.ts\n");
    expect(text).toContain("  - WP-2 (RBAC) handles: roles, permissions, middleware");
    expect(text).toContain("  - WP-3 (Audit Logging) handles: Audit event model");
    expect(text).toContain("- Depends on: nothing (it can start right away)");
  });

  it("carries the contract, the acceptance notes and the dependencies", () => {
    const text = renderInstructions(plan, "WP-2");
    expect(text).toContain("- IN SCOPE: roles, permissions, middleware");
    expect(text).toContain("- OUT OF SCOPE: login flows");
    expect(text).toContain("- This WP produces: authorize(user, action)");
    expect(text).toContain("- This WP consumes: the session from WP-1");
    expect(text).toContain("- Depends on: WP-1 (OAuth Integration)");
    expect(text).toContain("## Acceptance\nnpm test passes");
  });

  it("adds a Completed so far section when packages merged before", () => {
    const text = renderInstructions(plan, "WP-2", {
      completed: [
        { id: "WP-1", name: "OAuth Integration", commit: "0123456789abcdef0123", changedFiles: ["src/auth/oauth.ts"] },
      ],
    });
    expect(text).toContain("## Completed so far");
    expect(text).toContain("- WP-1 (OAuth Integration), commit 0123456789ab: src/auth/oauth.ts");
  });

  it("refuses an unknown package", () => {
    expect(() => renderInstructions(plan, "WP-9")).toThrow("No work package WP-9 in this plan");
  });
});
