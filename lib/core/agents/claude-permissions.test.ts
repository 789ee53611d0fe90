import { describe, expect, it } from "vitest";
import { agentSettingsSchema } from "./agent-types";
import { claudeRootCheck, isRootRefusal } from "./claude-permissions";

const settings = (over: object = {}) => agentSettingsSchema.parse(over);

describe("Claude Code as root", () => {
  it("refuses before launch only for root with skipped permissions and no way out", () => {
    const refused = claudeRootCheck(settings(), { uid: 0, env: {} });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("run Flotilla as a normal user") });
    expect(refused.ok === false && refused.message).toContain("IS_SANDBOX is not set");
    expect(claudeRootCheck(settings(), { uid: 0, env: { IS_SANDBOX: "0" } })).toMatchObject({
      ok: false,
      message: expect.stringContaining('IS_SANDBOX is "0", not "1"'),
    });
    expect(claudeRootCheck(settings(), { uid: 1000, env: {} })).toEqual({ ok: true, note: null });
  });

  it("says which way out it found: the setting, the user's environment, bubblewrap, or the permission mode", () => {
    expect(claudeRootCheck(settings({ sandbox: true }), { uid: 0, env: {} })).toMatchObject({
      ok: true,
      note: expect.stringContaining("sandbox"),
    });
    expect(claudeRootCheck(settings(), { uid: 0, env: { IS_SANDBOX: "1" } })).toMatchObject({
      ok: true,
      note: expect.stringContaining("IS_SANDBOX=1 is set in the environment"),
    });
    expect(claudeRootCheck(settings(), { uid: 0, env: { CLAUDE_CODE_BUBBLEWRAP: "1" } })).toMatchObject({
      ok: true,
      note: expect.stringContaining("CLAUDE_CODE_BUBBLEWRAP"),
    });
    expect(claudeRootCheck(settings({ permissionMode: "acceptEdits" }), { uid: 0, env: {} })).toMatchObject({
      ok: true,
      note: expect.stringContaining("acceptEdits"),
    });
  });

  it("recognises the CLI's own refusal", () => {
    expect(
      isRootRefusal("--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons"),
    ).toBe(true);
    expect(isRootRefusal("API Error: 529")).toBe(false);
  });
});
