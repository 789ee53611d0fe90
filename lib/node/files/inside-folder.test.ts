import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "@/lib/testing/temp-dir";
import { isInsideFolder, removeInsideFolder } from "./inside-folder";

describe("removing only inside a folder", () => {
  it("removes what lies inside, refuses the folder itself, its parents, a way out by .. or by a link", async () => {
    const root = tempDir();
    const data = path.join(root, "data");
    const outside = path.join(root, "home");
    mkdirSync(path.join(data, "runs", "r1"), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(outside, "keep.txt"), "mine\n");
    symlinkSync(outside, path.join(data, "runs", "link"));

    expect(isInsideFolder(data, path.join(data, "runs", "gone-already"))).toBe(true);
    for (const target of [data, root, path.join(data, "..", "home"), path.join(data, "runs", "link")])
      expect({ target, removed: await removeInsideFolder(data, target) }).toEqual({ target, removed: false });
    expect(existsSync(path.join(outside, "keep.txt"))).toBe(true);

    expect(await removeInsideFolder(data, path.join(data, "runs", "r1"))).toBe(true);
    expect(existsSync(path.join(data, "runs", "r1"))).toBe(false);
  });
});
