import { afterEach, describe, expect, it, vi } from "vitest";
import { badgedIcon, takeUnseen, titleWithCount } from "./attention-browser";

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

describe("what this browser was told", () => {
  afterEach(() => vi.unstubAllGlobals());
  /** A window with a localStorage of its own (the tabs of one browser share it). */
  function browser(initial: Record<string, string> = {}) {
    const store = new Map(Object.entries(initial));
    const localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    vi.stubGlobal("window", { localStorage });
    return store;
  }

  it("right after notifications are turned on, what is already there counts as told; then only news", async () => {
    const store = browser({ "flotilla.attention.baseline": "1" });
    expect([...(await takeUnseen(["a", "b"]))]).toEqual([]);
    expect(store.has("flotilla.attention.baseline")).toBe(false);
    expect([...(await takeUnseen(["a", "b", "c"]))]).toEqual(["c"]);
    // Another tab (the same storage) polling the same items is told nothing again.
    expect([...(await takeUnseen(["a", "b", "c"]))]).toEqual([]);
  });

  it("remembers the latest 300 ids, and a broken stored list starts over without failing", async () => {
    const store = browser({ "flotilla.attention.seen": "not json" });
    expect([...(await takeUnseen(["x"]))]).toEqual(["x"]);
    await takeUnseen(Array.from({ length: 400 }, (_, i) => `id-${i}`));
    const seen = JSON.parse(store.get("flotilla.attention.seen")!) as string[];
    expect(seen).toHaveLength(300);
    expect(seen.at(-1)).toBe("id-399");
    expect([...(await takeUnseen(["id-399", "x"]))]).toEqual(["x"]);
  });
});
