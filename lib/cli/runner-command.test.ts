// `flotilla runner` refuses what it cannot work with, saying what to change, before it connects.
import { describe, expect, it } from "vitest";
import { flotilla } from "@/lib/testing/cli-harness";
import { tempDir } from "@/lib/testing/temp-dir";

describe("flotilla runner: bad input", () => {
  it("needs the team's PostgreSQL database, a usable name and a concurrency from 1 to 64", () => {
    const data = tempDir("flotilla-cli-");
    const sqlite = flotilla(data, ["runner", "--database", "file:/tmp/x.db"]);
    expect(sqlite.code).toBe(2);
    expect(sqlite.stderr).toContain("A runner works for the team's PostgreSQL database: give --database postgresql://");
    const url = "postgresql://flotilla@127.0.0.1:1/flotilla";
    const name = flotilla(data, ["runner", "--database", url, "--name", "my box; rm -rf"]);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('--name "my box; rm -rf" is not a usable runner name');
    const concurrency = flotilla(data, ["runner", "--database", url, "--concurrency", "0"]);
    expect(concurrency.code).toBe(2);
    expect(concurrency.stderr).toContain('--concurrency must be a whole number from 1 to 64 (got "0")');
    const unknown = flotilla(data, ["runner", "--database", url, "--capacity", "3"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--capacity");
    // A database it cannot reach: said with the address, never the password.
    const unreachable = flotilla(data, ["runner", "--database", "postgresql://flotilla:s3cret@127.0.0.1:1/flotilla"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("cannot open the database at 127.0.0.1:1/flotilla");
    expect(unreachable.stderr).not.toContain("s3cret");
  });
});
