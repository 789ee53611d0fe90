import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "./slug";

describe("slugs", () => {
  it("makes branch-safe names", () => {
    expect(slugify("Build auth with OAuth, RBAC & audit logging!")).toBe("build-auth-with-oauth-rbac-audit-logging");
    expect(slugify("Crème brûlée API")).toBe("creme-brulee-api");
    expect(slugify("$(rm -rf /); `x`")).toBe("rm-rf-x");
    expect(slugify("!!!")).toBe("run");
    expect(slugify("a".repeat(100)).length).toBeLessThanOrEqual(40);
  });
  it("cuts long names at a word boundary", () => {
    expect(slugify("build a full authentication system with oauth rbac and audit logging")).toBe(
      "build-a-full-authentication-system-with",
    );
  });
  it("adds a number when the name is taken", () => {
    expect(uniqueSlug("auth", new Set(["auth", "auth-2"]))).toBe("auth-3");
    expect(uniqueSlug("auth", new Set())).toBe("auth");
  });
});
