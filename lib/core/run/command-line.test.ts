import { describe, expect, it } from "vitest";
import { splitCommandLine } from "./command-line";

describe("splitCommandLine", () => {
  it.each([
    ["npm test", ["npm", "test"]],
    ["  node   script.mjs  --flag ", ["node", "script.mjs", "--flag"]],
    [
      `claude -p --append-system-prompt 'be brief; use tabs'`,
      ["claude", "-p", "--append-system-prompt", "be brief; use tabs"],
    ],
    [`echo "a \\"quoted\\" word"`, ["echo", 'a "quoted" word']],
    [`printf %s a\\ b`, ["printf", "%s", "a b"]],
    [`node -e "&&"`, ["node", "-e", "&&"]],
    [`pytest -k 'not slow'`, ["pytest", "-k", "not slow"]],
  ])("splits %j", (input, argv) => {
    expect(splitCommandLine(input)).toEqual({ ok: true, argv });
  });

  it.each([
    ["npm test && rm -rf /", '"&&" is a shell operator'],
    ["npm test; rm -rf /", "shell operator"],
    ["npm test | tee out", '"|" is a shell operator'],
    ["echo $(whoami)", "Command substitution"],
    ["echo `whoami`", "Command substitution"],
    [`echo "$HOME"`, "would need a shell"],
    ["echo 'open", "unclosed single quote"],
    ["   ", "The command is empty"],
    ["a\0b", "NUL byte"],
  ])("refuses %j", (input, message) => {
    const result = splitCommandLine(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe("operators inside a word", () => {
  it("names the operator itself, quoted", () => {
    expect(splitCommandLine("echo a; echo b")).toEqual({
      ok: false,
      message: expect.stringContaining('";" is a shell operator'),
    });
    expect(splitCommandLine("echo a>out")).toEqual({
      ok: false,
      message: expect.stringContaining('">" is a shell operator'),
    });
  });
});
