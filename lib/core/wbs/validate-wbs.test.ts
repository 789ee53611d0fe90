import { describe, expect, it } from "vitest";
import { validateWbs } from "./validate-wbs";
import { wbsOf, wp } from "./test-builders";

const codes = (result: ReturnType<typeof validateWbs>, severity: "errors" | "warnings" = "errors") =>
  result[severity].map((p) => p.code);

describe("validateWbs", () => {
  it("accepts a well-formed plan", () => {
    const result = validateWbs(wbsOf([wp("WP-1"), wp("WP-2", ["WP-1"]), wp("WP-3", ["WP-1"])]));
    expect(result).toEqual({ ok: true, errors: [], warnings: [] });
  });

  describe("package count", () => {
    it("accepts 1 and 10 packages", () => {
      expect(validateWbs(wbsOf([wp("WP-1")])).ok).toBe(true);
      const ten = Array.from({ length: 10 }, (_, i) => wp(`WP-${i + 1}`));
      expect(validateWbs(wbsOf(ten)).ok).toBe(true);
    });
    it("refuses an empty plan", () => {
      const result = validateWbs(wbsOf([]));
      expect(result.errors[0]).toMatchObject({ code: "count", message: expect.stringContaining("no work packages") });
    });
    it("refuses 11 packages and says how many to remove", () => {
      const eleven = Array.from({ length: 11 }, (_, i) => wp(`WP-${i + 1}`));
      expect(validateWbs(wbsOf(eleven)).errors[0].message).toBe(
        "The plan has 11 work packages; at most 10 can run: merge or remove 1",
      );
    });
  });

  it("refuses an empty compound task", () => {
    expect(codes(validateWbs(wbsOf([wp("WP-1")], "   ")))).toEqual(["task-empty"]);
  });

  describe("ids", () => {
    it("refuses duplicate ids and names the id", () => {
      const result = validateWbs(wbsOf([wp("WP-1"), wp("WP-1", [], { expected_outputs: ["src/other.ts"] })]));
      expect(result.errors).toEqual([
        expect.objectContaining({
          code: "id-duplicate",
          wpId: "WP-1",
          message: "2 packages share the id WP-1: give each a unique id",
        }),
      ]);
    });
    it("refuses empty ids and ids unsafe for folder names", () => {
      const result = validateWbs(wbsOf([wp(""), wp("../evil")]));
      expect(codes(result)).toEqual(expect.arrayContaining(["id-empty", "id-format"]));
    });
    it("accepts ids in the safe alphabet", () => {
      expect(validateWbs(wbsOf([wp("api_v2.auth-1")])).ok).toBe(true);
    });
  });

  it("refuses a package without a name or scope, naming the package", () => {
    const result = validateWbs(wbsOf([wp("WP-1", [], { name: " ", scope: "" })]));
    expect(result.errors.map((e) => e.message)).toEqual([
      "WP-1: has no name: say in a few words what it builds",
      "WP-1: has no scope: describe what this package covers",
    ]);
  });

  describe("dependencies", () => {
    it("refuses a dependency that does not exist", () => {
      const result = validateWbs(wbsOf([wp("WP-1", ["WP-9"], { name: "OAuth" })]));
      expect(result.errors).toEqual([
        expect.objectContaining({
          code: "dependency-missing",
          wpId: "WP-1",
          field: "dependencies[0]",
          message: "WP-1 (OAuth): depends on WP-9, which is not in the plan: remove it or add WP-9",
        }),
      ]);
    });
    it("refuses a self-dependency", () => {
      expect(codes(validateWbs(wbsOf([wp("WP-1", ["WP-1"])])))).toEqual(["dependency-self"]);
    });
    it("warns about a dependency listed twice", () => {
      const result = validateWbs(wbsOf([wp("WP-1"), wp("WP-2", ["WP-1", "WP-1"])]));
      expect(result.ok).toBe(true);
      expect(codes(result, "warnings")).toEqual(["dependency-duplicate"]);
    });
    it("names a two-package cycle", () => {
      const result = validateWbs(wbsOf([wp("WP-1"), wp("WP-2", ["WP-3"]), wp("WP-3", ["WP-2"])]));
      expect(result.errors).toEqual([
        expect.objectContaining({ code: "cycle", message: expect.stringContaining("WP-2 → WP-3 → WP-2") }),
      ]);
    });
    it("names a longer cycle starting at its smallest id", () => {
      const result = validateWbs(wbsOf([wp("WP-1", ["WP-3"]), wp("WP-2", ["WP-1"]), wp("WP-3", ["WP-2"])]));
      expect(result.errors.map((e) => e.message)).toEqual([
        "Dependency loop WP-1 → WP-3 → WP-2 → WP-1: none of these can start; remove one of the dependencies",
      ]);
    });
  });

  describe("expected outputs", () => {
    it("refuses a package without expected outputs", () => {
      expect(codes(validateWbs(wbsOf([wp("WP-1", [], { expected_outputs: [] })])))).toEqual(["outputs-empty"]);
    });
    it.each([
      ["", "output-empty"],
      ["/etc/passwd", "output-absolute"],
      ["C:/src/a.ts", "output-absolute"],
      ["~/a.ts", "output-absolute"],
      ["../outside.ts", "output-escapes"],
      ["src/../../outside.ts", "output-escapes"],
      ["src/**/*.ts", "output-glob"],
      ["src/{a,b}.ts", "output-glob"],
      ["the auth module", "output-vague"],
      ["src/auth/", "output-directory"],
      ["src\\auth.ts", "output-backslash"],
      ["src/a.ts\u0000", "output-control-char"],
      [" src/a.ts", "output-whitespace"],
      [".git/config", "output-git-dir"],
    ])("refuses %j (%s)", (path, code) => {
      const result = validateWbs(wbsOf([wp("WP-1", [], { name: "OAuth", expected_outputs: [path] })]));
      expect(result.errors).toEqual([expect.objectContaining({ code, wpId: "WP-1", field: "expected_outputs[0]" })]);
      expect(result.errors[0].message).toMatch(/^WP-1 \(OAuth\): /);
    });
    it.each([
      "src/auth/oauth.ts",
      "./src/auth/rbac.ts",
      "Makefile",
      ".env.example",
      "docs/My Notes.md",
      "tests/test_auth.py",
    ])("accepts %j", (path) => {
      expect(validateWbs(wbsOf([wp("WP-1", [], { expected_outputs: [path] })]))).toMatchObject({
        ok: true,
        warnings: [],
      });
    });
    it("warns about a path without an extension but accepts it", () => {
      const result = validateWbs(wbsOf([wp("WP-1", [], { expected_outputs: ["bin/flotilla"] })]));
      expect(result.ok).toBe(true);
      expect(codes(result, "warnings")).toEqual(["output-no-extension"]);
    });
    it("warns about the same path listed twice in one package", () => {
      const result = validateWbs(wbsOf([wp("WP-1", [], { expected_outputs: ["src/a.ts", "./src/a.ts"] })]));
      expect(codes(result, "warnings")).toEqual(["output-duplicate"]);
    });
  });

  describe("overlaps", () => {
    it("reports two packages claiming one file as a warning naming both", () => {
      const result = validateWbs(
        wbsOf([
          wp("WP-1", [], { expected_outputs: ["src/shared.ts"] }),
          wp("WP-2", [], { expected_outputs: ["./src/shared.ts"] }),
          wp("WP-3"),
        ]),
      );
      expect(result.ok).toBe(true);
      expect(result.warnings).toEqual([
        expect.objectContaining({
          code: "output-overlap",
          wpId: "WP-1",
          related: ["WP-2"],
          message: expect.stringContaining("WP-1 and WP-2 both claim src/shared.ts"),
        }),
      ]);
    });
    it("does not report distinct files", () => {
      expect(validateWbs(wbsOf([wp("WP-1"), wp("WP-2")])).warnings).toEqual([]);
    });
  });
});

describe("overlap warnings in words", () => {
  it("says 'all' for three packages and lists them with commas", () => {
    const shared = { expected_outputs: ["src/registry.js"] };
    const result = validateWbs(wbsOf([wp("WP-1", [], shared), wp("WP-2", [], shared), wp("WP-3", [], shared)]));
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("WP-1, WP-2 and WP-3 all claim src/registry.js"),
    );
  });
});
