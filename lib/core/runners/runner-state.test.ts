import { describe, expect, it } from "vitest";
import { ago, describeRunnerState, runnerState } from "./runner-state";

const now = new Date("2026-12-02T10:00:00Z");
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

describe("runner state", () => {
  it("is what the row says while the heartbeat is fresh, and lost after 30 s without one", () => {
    expect(runnerState({ status: "active", heartbeatAt: secondsAgo(5) }, now)).toBe("active");
    expect(runnerState({ status: "draining", heartbeatAt: secondsAgo(29) }, now)).toBe("draining");
    expect(runnerState({ status: "draining", heartbeatAt: secondsAgo(31) }, now)).toBe("lost");
    expect(runnerState({ status: "active", heartbeatAt: secondsAgo(3600) }, now)).toBe("lost");
  });
  it("says it in words", () => {
    expect(describeRunnerState("draining")).toBe("Draining: finishes its running work, takes no more");
    expect(describeRunnerState("lost")).toBe("Lost: no heartbeat for over 30 s");
  });
  it("says how long ago", () => {
    expect(ago(secondsAgo(3), now)).toBe("3 s ago");
    expect(ago(secondsAgo(240), now)).toBe("4 min ago");
    expect(ago(secondsAgo(7200), now)).toBe("2 h ago");
    expect(ago(secondsAgo(86_400 * 5), now)).toBe("5 d ago");
    expect(ago(new Date(now.getTime() + 2000), now)).toBe("0 s ago");
  });
});
