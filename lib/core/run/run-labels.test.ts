import { describe, expect, it } from "vitest";
import { relativeTime, splitSlug } from "./run-labels";

describe("run labels", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it("says how long ago a run started, in the largest unit that fits", () => {
    expect(
      [10, 90, 59 * 60, 2 * 3600, 23 * 3600, 26 * 3600, 3 * 86400, -60].map((s) => relativeTime(ago(s), now)),
    ).toEqual(["just now", "2 min ago", "59 min ago", "2 h ago", "23 h ago", "1 day ago", "3 days ago", "just now"]);
  });

  it("keeps a long slug's end apart, so build-…-3 and build-…-4 differ even when cut", () => {
    expect(splitSlug("build-auth-with-oauth-rbac-and-audit-3")).toEqual({
      head: "build-auth-with-oauth-rbac-and",
      tail: "-audit-3",
    });
    expect(splitSlug("short-2")).toEqual({ head: "short-2", tail: "" });
    const { head, tail } = splitSlug("a-much-longer-slug-than-sixteen");
    expect(head + tail).toBe("a-much-longer-slug-than-sixteen");
  });
});
