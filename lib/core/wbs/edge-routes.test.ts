import { describe, expect, it } from "vitest";
import { lanePoints, roundedPath, routeSkippingEdges } from "./edge-routes";
import { waveLayout } from "./wave-layout";

const SIZE = { width: 192, height: 64 };

describe("routing the graph's edges", () => {
  // WP-1 (wave 1) → WP-2 and WP-3 (wave 2) → WP-4 (wave 3); WP-1 → WP-4 skips wave 2.
  const positions = waveLayout({ waves: [["WP-1"], ["WP-2", "WP-3"], ["WP-4"]], unplaced: [] });

  it("leaves edges between neighbouring waves alone", () => {
    const lanes = routeSkippingEdges(positions, [{ source: "WP-1", target: "WP-2" }], SIZE);
    expect(lanes.size).toBe(0);
  });

  it("runs an edge that skips a wave along a lane clear of that wave's packages", () => {
    const lanes = routeSkippingEdges(positions, [{ source: "WP-1", target: "WP-4" }], SIZE);
    const lane = lanes.get("WP-1->WP-4")!;
    const wave2 = positions.filter((p) => p.wave === 2);
    const clear = wave2.every((p) => lane < p.y || lane > p.y + SIZE.height);
    expect(clear).toBe(true);
    // Both ends sit in the top row, so the lane above is the shorter way.
    expect(lane).toBeLessThan(Math.min(...wave2.map((p) => p.y)));
  });

  it("gives two skipping edges on one side lanes of their own", () => {
    const wide = waveLayout({ waves: [["WP-1", "WP-2"], ["WP-3"], ["WP-4", "WP-5"]], unplaced: [] });
    const lanes = routeSkippingEdges(
      wide,
      [
        { source: "WP-1", target: "WP-4" },
        { source: "WP-2", target: "WP-5" },
      ],
      SIZE,
    );
    expect(lanes.get("WP-1->WP-4")).not.toBe(lanes.get("WP-2->WP-5"));
  });

  it("draws the lane path with rounded corners from the source to the target", () => {
    const points = lanePoints({ x: 0, y: 50 }, { x: 500, y: 50 }, -20);
    expect(points[0]).toEqual({ x: 0, y: 50 });
    expect(points.at(-1)).toEqual({ x: 500, y: 50 });
    const d = roundedPath(points);
    expect(d.startsWith("M 0 50")).toBe(true);
    expect(d.endsWith("L 500 50")).toBe(true);
    expect(d.match(/Q/g)).toHaveLength(4);
  });
});
