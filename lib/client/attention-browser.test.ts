import { describe, expect, it } from "vitest";
import { badgedIcon, titleWithCount } from "./attention-browser";

describe("the tab's count", () => {
  it("prefixes the title with the count, replaces an earlier one, and drops it at 0", () => {
    expect(titleWithCount("Flotilla", 2)).toBe("(2) Flotilla");
    expect(titleWithCount("(2) Flotilla", 3)).toBe("(3) Flotilla");
    expect(titleWithCount("(3) Project settings · Flotilla", 0)).toBe("Project settings · Flotilla");
    expect(titleWithCount("Flotilla", 150)).toBe("(99+) Flotilla");
    expect(titleWithCount("(99+) Flotilla", 0)).toBe("Flotilla");
  });

  it("draws the app's icon with a badge holding the count", () => {
    const svg = decodeURIComponent(badgedIcon(3).replace(/^data:image\/svg\+xml,/, ""));
    expect(svg).toContain('fill="#4f46e5"');
    expect(svg).toMatch(/<text[^>]*>3<\/text>/);
    expect(decodeURIComponent(badgedIcon(12))).toMatch(/<text[^>]*>9\+<\/text>/);
  });
});
