// lib/core is the pure domain: everything it needs comes in as arguments. This test keeps it so.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CORE = path.resolve(import.meta.dirname);
const ALLOWED = [/^\.{1,2}\//, /^zod$/, /^jsonc-parser$/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("lib/core boundary", () => {
  it("imports nothing but its own modules, zod and jsonc-parser", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(CORE)) {
      const text = readFileSync(file, "utf8");
      // One statement at a time: from a line-starting import/export to its `from "..."`, without
      // crossing a call, a body or a string (so comments and code below cannot match).
      for (const match of text.matchAll(
        /^\s*(?:import|export)\b[^;(){}"'=]*(?:\{[^}]*\}[^;(){}"'=]*)?\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm,
      )) {
        const target = match[1] ?? match[2];
        if (!ALLOWED.some((rule) => rule.test(target)))
          offenders.push(`${path.relative(CORE, file)} imports ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
