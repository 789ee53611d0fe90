import { describe, expect, it } from "vitest";
import { agentSettingsSchema } from "./agent-types";
import { claudeRootRefusal, isRootRefusal } from "./claude-permissions";

describe("Claude Code as root", () => {
  it("warns before launch only for root with skipped permissions outside a sandbox", () => {
    expect(claudeRootRefusal(agentSettingsSchema.parse({}), 0)).toContain("run Flotilla as a normal user");
    expect(claudeRootRefusal(agentSettingsSchema.parse({}), 1000)).toBeNull();
    expect(claudeRootRefusal(agentSettingsSchema.parse({ sandbox: true }), 0)).toBeNull();
    expect(claudeRootRefusal(agentSettingsSchema.parse({ permissionMode: "acceptEdits" }), 0)).toBeNull();
  });
  it("recognises the CLI's own refusal", () => {
    expect(isRootRefusal("--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons")).toBe(true);
    expect(isRootRefusal("API Error: 529")).toBe(false);
  });
});
