import { describe, expect, it } from "vitest";
import { firstStarts } from "./parallelism";

const wp = (id: string, dependencies: string[] = [], files = 1) => ({
  id,
  dependencies,
  expected_outputs: Array.from({ length: files }, (_, i) => `src/${id}-${i}.ts`),
});

describe("when the first packages start", () => {
  it("starts up to `concurrency` ready packages a stagger apart; the rest wait for a slot", () => {
    const plan = [wp("WP-1"), wp("WP-2"), wp("WP-3"), wp("WP-4"), wp("WP-5", ["WP-1"])];
    expect(firstStarts(plan, 3, 12)).toEqual({
      starts: [
        { id: "WP-1", atSeconds: 0 },
        { id: "WP-2", atSeconds: 12 },
        { id: "WP-3", atSeconds: 24 },
      ],
      waitingForSlot: ["WP-4"],
    });
  });

  it("puts the head of the longest chain first, as the engine does", () => {
    const plan = [wp("WP-1"), wp("WP-2"), wp("WP-3", ["WP-2"])];
    expect(firstStarts(plan, 1, 5).starts).toEqual([{ id: "WP-2", atSeconds: 0 }]);
  });
});
