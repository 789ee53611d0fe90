import { describe, expect, it } from "vitest";
import { proposeTestCommand } from "./propose-test-command";

const facts = (files: string[], extra: { packageJson?: string; makefile?: string } = {}) => ({
  files,
  packageJson: extra.packageJson ?? null,
  makefile: extra.makefile ?? null,
});

describe("proposing a test command", () => {
  it("finds the repository's own test runner", () => {
    expect(proposeTestCommand(facts(["package.json"], { packageJson: '{"scripts":{"test":"vitest run"}}' }))).toEqual({
      command: "npm test",
      because: "package.json's test script",
    });
    expect(
      proposeTestCommand(facts(["package.json", "pnpm-lock.yaml"], { packageJson: '{"scripts":{"test":"jest"}}' }))
        ?.command,
    ).toBe("pnpm test");
    expect(proposeTestCommand(facts(["Cargo.toml", "src/lib.rs"]))?.command).toBe("cargo test");
    expect(proposeTestCommand(facts(["go.mod", "main_test.go"]))?.command).toBe("go test ./...");
    expect(proposeTestCommand(facts(["pyproject.toml", "tests/test_api.py"]))?.command).toBe("python3 -m pytest");
    expect(
      proposeTestCommand(facts(["Makefile"], { makefile: "build:\n\tcc x.c\ntest: build\n\t./run\n" }))?.command,
    ).toBe("make test");
  });

  it("proposes nothing without a test suite (npm's placeholder script is none)", () => {
    const placeholder = '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}';
    expect(proposeTestCommand(facts(["package.json"], { packageJson: placeholder }))).toBeNull();
    expect(proposeTestCommand(facts(["README.md"]))).toBeNull();
    expect(proposeTestCommand(facts(["package.json"], { packageJson: "{not json" }))).toBeNull();
  });
});
