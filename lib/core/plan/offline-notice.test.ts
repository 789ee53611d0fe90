import { describe, expect, it } from "vitest";
import { offlineNotice } from "./offline-notice";

describe("offline planner notice", () => {
  it("says it is a heuristic split with no AI model, and how to get an agent's plan", () => {
    for (const notice of [
      offlineNotice({ code: "chosen" }),
      offlineNotice({ code: "agent_cannot_plan" }),
      offlineNotice({ code: "agent_unavailable", detail: 'The Gemini CLI agent needs the "gemini" command.' }),
    ]) {
      expect(notice).toContain("a heuristic split of the task's wording (no AI model read the task or the code)");
      expect(notice).toContain('"The agent" as the Planner in the New run form');
      expect(notice).toContain("flotilla plan --planner agent --agent claude");
    }
    expect(offlineNotice({ code: "agent_cannot_plan" })).toMatch(
      /^No agent CLI is configured for this project, so the offline planner made this plan instead: /,
    );
    expect(offlineNotice({ code: "agent_cannot_plan", agent: "Demo agent (built in, offline)" })).toMatch(
      /^The project's agent \(Demo agent \(built in, offline\)\) does not plan tasks, so the offline planner made this plan instead: /,
    );
    expect(offlineNotice({ code: "agent_failed", detail: "The Custom command planner exited with code 4." })).toMatch(
      /^The Custom command planner exited with code 4\. The offline planner made this plan instead: a heuristic/,
    );
  });
});
