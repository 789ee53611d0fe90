import { describe, expect, it } from "vitest";
import { describeHiddenWhitespace, describeNoChanges } from "./no-changes";
import { isCollapsed, scopeKey, scopeOf, viewedPaths } from "./viewed-files";

describe("viewed files", () => {
  const files = [
    { path: "src/a.ts", version: "100644 100644 aaa bbb" },
    { path: "src/b.ts", version: "000000 100644 000 ccc" },
  ];

  it("keys the feature branch and each package apart, even a package called feature", () => {
    expect(scopeKey(scopeOf(null))).toBe("feature");
    expect(scopeKey(scopeOf("WP-2"))).toBe("package:WP-2");
    expect(scopeKey(scopeOf("feature"))).toBe("package:feature");
  });

  it("counts a mark only while the file changed as it did when marked", () => {
    const marks = [
      { path: "src/a.ts", fileVersion: "100644 100644 aaa bbb" },
      { path: "src/b.ts", fileVersion: "000000 100644 000 old" },
      { path: "src/gone.ts", fileVersion: "x" },
    ];
    expect([...viewedPaths(marks, files)]).toEqual(["src/a.ts"]);
    expect(viewedPaths([], files).size).toBe(0);
  });

  it("collapses a viewed file unless the person opened it again", () => {
    const viewed = new Set(["src/a.ts"]);
    expect(isCollapsed("src/a.ts", viewed, {})).toBe(true);
    expect(isCollapsed("src/a.ts", viewed, { "src/a.ts": false })).toBe(false);
    expect(isCollapsed("src/b.ts", viewed, {})).toBe(false);
    expect(isCollapsed("src/b.ts", viewed, { "src/b.ts": true })).toBe(true);
  });
});

describe("an empty diff", () => {
  it("says the feature branch has nothing merged yet, or that the merges cancel out", () => {
    const subject = { kind: "feature", featureBranch: "flotilla/x", baseBranch: "main", mergedPackages: 0 } as const;
    expect(describeNoChanges(subject, 0).detail).toBe(
      "Nothing has been merged into flotilla/x yet, so it is the same as main. Packages appear here as they merge.",
    );
    expect(describeNoChanges({ ...subject, mergedPackages: 2 }, 0).detail).toMatch(/add up to no difference from main/);
  });

  it("says a package's agent changed nothing, or that its merge changed nothing", () => {
    expect(describeNoChanges({ kind: "package", wpId: "WP-2", merged: false }, 0)).toEqual({
      title: "No changes",
      detail: "WP-2's branch is the same as the commit it started from: its agent changed no files.",
    });
    expect(describeNoChanges({ kind: "package", wpId: "WP-2", merged: true }, 0).detail).toBe(
      "The merge of WP-2 changed no files.",
    );
  });

  it("points at the whitespace option when only whitespace changed", () => {
    const subject = { kind: "package", wpId: "WP-1", merged: true } as const;
    expect(describeNoChanges(subject, 1).title).toBe("No changes besides whitespace");
    expect(describeNoChanges(subject, 2).detail).toMatch(/^2 files changed only in whitespace/);
    expect(describeHiddenWhitespace(0)).toBeNull();
    expect(describeHiddenWhitespace(1)).toBe("1 file with only whitespace changes is hidden.");
    expect(describeHiddenWhitespace(3)).toBe("3 files with only whitespace changes are hidden.");
  });
});
