import { describe, expect, it } from "vitest";
import { cycleIfDependencyAdded, findCycles } from "./dependency-graph";
import { wp } from "./test-builders";

describe("dependency graph", () => {
  it("finds no cycle in a diamond", () => {
    expect(findCycles([wp("WP-1"), wp("WP-2", ["WP-1"]), wp("WP-3", ["WP-1"]), wp("WP-4", ["WP-2", "WP-3"])])).toEqual(
      [],
    );
  });

  it("reports each separate loop once", () => {
    const nodes = [wp("WP-1", ["WP-2"]), wp("WP-2", ["WP-1"]), wp("WP-3", ["WP-4"]), wp("WP-4", ["WP-3"])];
    expect(findCycles(nodes)).toEqual([
      ["WP-1", "WP-2", "WP-1"],
      ["WP-3", "WP-4", "WP-3"],
    ]);
  });

  it("predicts the loop an added dependency would close", () => {
    const chain = [wp("WP-1"), wp("WP-2", ["WP-1"]), wp("WP-3", ["WP-2"])];
    expect(cycleIfDependencyAdded(chain, "WP-1", "WP-3")).toEqual(["WP-1", "WP-3", "WP-2", "WP-1"]);
    expect(cycleIfDependencyAdded(chain, "WP-3", "WP-1")).toBeNull();
    expect(cycleIfDependencyAdded(chain, "WP-2", "WP-2")).toEqual(["WP-2", "WP-2"]);
  });
});
