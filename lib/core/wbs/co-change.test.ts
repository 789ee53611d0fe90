import { describe, expect, it } from "vitest";
import { coChangeIndex } from "./co-change";
import { forecastSharedFiles } from "./shared-file-forecast";

// Every feature folder's commits also touch src/app.js (the place routes get wired); docs rarely.
const history = [
  ["src/users/users.js", "src/app.js"],
  ["src/users/users.test.js", "src/users/users.js", "src/app.js"],
  ["src/orders/orders.js", "src/app.js"],
  ["src/orders/orders.js", "src/app.js", "CHANGELOG.md"],
  ["src/orders/refunds.js", "src/app.js"],
  ["src/users/roles.js", "src/app.js"],
  ["README.md"],
  // A mass reformat says nothing about coupling.
  Array.from({ length: 60 }, (_, i) => `src/gen/file-${i}.js`).concat("src/app.js"),
];

describe("files the history changes together with a folder", () => {
  it("finds a file changed in most of a folder's commits, and not the folder's own files", () => {
    const index = coChangeIndex(history);
    expect(index["src/users"]).toEqual(["src/app.js"]);
    expect(index["src/orders"]).toEqual(["src/app.js"]);
    expect(index["src/gen"]).toBeUndefined();
  });

  it("makes two parallel packages writing in such folders a shared-file warning", () => {
    const warnings = forecastSharedFiles(
      [
        { id: "WP-1", name: "Users", scope: "", expected_outputs: ["src/users/profile.js"], dependencies: [] },
        { id: "WP-2", name: "Orders", scope: "", expected_outputs: ["src/orders/export.js"], dependencies: [] },
      ],
      [],
      [],
      coChangeIndex(history),
    );
    expect(warnings).toEqual([
      {
        file: "src/app.js",
        packages: ["WP-1", "WP-2"],
        why: "history",
        message:
          "WP-1 and WP-2 run in parallel, and the repository's history changes src/app.js together with the folders both write in: both are likely to change it",
      },
    ]);
  });
});
