import { describe, expect, it } from "vitest";
import { bearerToken, contentSecurityPolicy, isAllowedHost, isSameOrigin, tokensEqual } from "./request-guard";
import { MASK, maskSecrets, secretValues } from "./secrets";

describe("request guard", () => {
  it("answers to loopback names and the configured host only", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "127.0.0.2", "LOCALHOST"])
      expect(isAllowedHost(host), host).toBe(true);
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "127.0.0.1.evil.example",
      "localhost.evil.example",
      "0.0.0.0:3000",
      "",
    ])
      expect(isAllowedHost(host), host).toBe(false);
    expect(isAllowedHost("flotilla.lan:3000", ["flotilla.lan"])).toBe(true);
    expect(isAllowedHost(null)).toBe(false);
    expect(isAllowedHost("0.0.0.0:3000", ["0.0.0.0"])).toBe(false);
  });

  it("accepts only an Origin (or Referer) naming the same host and port", () => {
    expect(isSameOrigin("http://127.0.0.1:3000", "127.0.0.1:3000")).toBe(true);
    expect(isSameOrigin("http://127.0.0.1:3000/runs/x", "127.0.0.1:3000")).toBe(true);
    expect(isSameOrigin("http://127.0.0.1:4000", "127.0.0.1:3000")).toBe(false);
    expect(isSameOrigin("http://evil.example", "127.0.0.1:3000")).toBe(false);
    expect(isSameOrigin("null", "127.0.0.1:3000")).toBe(false);
    expect(isSameOrigin("not a url", "127.0.0.1:3000")).toBe(false);
  });

  it("compares tokens exactly and reads bearer headers", () => {
    expect(tokensEqual("abc123", "abc123")).toBe(true);
    expect(tokensEqual("abc124", "abc123")).toBe(false);
    expect(tokensEqual("abc", "abc123")).toBe(false);
    expect(tokensEqual("", "abc123")).toBe(false);
    expect(bearerToken("Bearer tok-1")).toBe("tok-1");
    expect(bearerToken("Basic tok-1")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });

  it("allows scripts only from this origin or with the nonce", () => {
    const csp = contentSecurityPolicy("n0nce");
    expect(csp).toContain("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe("secrets", () => {
  it("finds key- and token-like variables and masks their values", () => {
    const env = {
      ANTHROPIC_API_KEY: "sk-ant-0123456789",
      GITHUB_TOKEN: "ghp_abcdefghij",
      MY_SECRET: "hunter2hunter2",
      PATH: "/usr/bin:/bin",
      SHORT_KEY: "abc",
      OPENAI_BASE_URL: "https://api.example",
    };
    const secrets = secretValues(env);
    expect(secrets).toEqual(
      expect.arrayContaining(["sk-ant-0123456789", "ghp_abcdefghij", "hunter2hunter2", "https://api.example"]),
    );
    expect(secrets).not.toContain("/usr/bin:/bin");
    expect(secrets).not.toContain("abc");
    expect(maskSecrets("key=sk-ant-0123456789 and ghp_abcdefghij", secrets)).toBe(`key=${MASK} and ${MASK}`);
  });
});
