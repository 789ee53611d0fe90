import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { plan, pkg } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { sharedFileWarnings } from "./shared-files";

describe("the shared-file forecast on a real repository", () => {
  it("learns from the history which file each feature folder's commits also change", async () => {
    const repo = tempDir("flotilla-history-");
    git(repo, "init", "-q", "-b", "main");
    const commit = (files: Record<string, string>, message: string) => {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        writeFileSync(path.join(repo, file), text);
      }
      git(repo, "add", "-A");
      git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message);
    };
    commit({ "src/app.js": "// routes\n", "README.md": "# app\n" }, "start");
    for (const [i, area] of ["users", "orders", "users", "orders", "users", "orders", "carts"].entries())
      commit({ [`src/${area}/${area}.js`]: `// ${i}\n`, "src/app.js": `// routes ${i}\n` }, `${area} ${i}`);
    const warnings = await sharedFileWarnings(
      repo,
      "main",
      plan([
        pkg("WP-1", [], { expected_outputs: ["src/users/profile.js"] }),
        pkg("WP-2", [], { expected_outputs: ["src/orders/export.js"] }),
        pkg("WP-3", ["WP-1"], { expected_outputs: ["src/users/roles.js"] }),
      ]),
    );
    // Three commits each; WP-3 waits for WP-1, so only the parallel pairs are warned about.
    expect(warnings.map((w) => [w.file, w.packages, w.why])).toEqual([
      ["src/app.js", ["WP-1", "WP-2"], "history"],
      ["src/app.js", ["WP-2", "WP-3"], "history"],
    ]);
  });
});
