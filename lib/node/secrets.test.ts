import { describe, expect, it } from "vitest";
import { maskText } from "./secrets";

describe("maskText", () => {
  it("drops NUL characters, which PostgreSQL's text refuses", () => {
    expect(maskText("exit\u0000 code 1")).toBe("exit code 1");
    expect(maskText(null)).toBeNull();
  });
});
