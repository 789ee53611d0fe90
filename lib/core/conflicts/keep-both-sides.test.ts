// The demo agent's resolver and list editor (scripts/keep-both-sides.mjs).
import { describe, expect, it } from "vitest";
import { addListEntry, keepBothSides } from "@/scripts/keep-both-sides.mjs";

describe("keep both sides", () => {
  it("keeps this side, then the other side's new lines, and drops the zdiff3 base", () => {
    const text = [
      "export const plugins = [",
      "<<<<<<< HEAD",
      '  "./plugins/b.js",',
      "||||||| 8cd0211",
      "=======",
      '  "./plugins/a.js",',
      ">>>>>>> flotilla/run",
      "];",
      "",
    ].join("\n");
    expect(keepBothSides(text)).toEqual({
      text: 'export const plugins = [\n  "./plugins/b.js",\n  "./plugins/a.js",\n];\n',
      conflicts: 1,
    });
  });

  it("does not repeat a line both sides added, and leaves an unterminated conflict as it was", () => {
    expect(keepBothSides("<<<<<<< a\nx\ny\n=======\ny\nz\n>>>>>>> b\n").text).toBe("x\ny\nz\n");
    const broken = "<<<<<<< a\nx\n=======\ny\n";
    expect(keepBothSides(broken)).toEqual({ text: broken, conflicts: 0 });
  });

  it("adds an entry to the last list in the style of the ones there", () => {
    expect(addListEntry("export const plugins = [\n];\n", "./plugins/a.js")).toBe(
      'export const plugins = [\n  "./plugins/a.js",\n];\n',
    );
    expect(addListEntry("x = [\n    'a'\n]\n", "b")).toBe("x = [\n    'a',\n    'b',\n]\n");
    expect(addListEntry('[\n  "a"\n]\n', "b", { json: true })).toBe('[\n  "a",\n  "b"\n]\n');
    expect(addListEntry("no list here\n", "b")).toBeNull();
  });
});
