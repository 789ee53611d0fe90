import { expect, it } from "vitest";
import { formatDuration } from "./format-duration";

it("formats durations as people read them", () => {
  expect([0, 42_400, 185_000, 3_720_000, 7_200_000].map(formatDuration)).toEqual([
    "0 s",
    "42 s",
    "3 min 5 s",
    "1 h 2 min",
    "2 h",
  ]);
});
