import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseUrl, resolveDataDir } from "./database-url";

describe("database location", () => {
  it("defaults to data/flotilla.db under the working directory", () => {
    expect(resolveDatabaseUrl({})).toBe(`file:${path.resolve("data", "flotilla.db")}`);
  });
  it("follows FLOTILLA_DATA_DIR", () => {
    expect(resolveDataDir({ FLOTILLA_DATA_DIR: "/srv/flotilla" })).toBe("/srv/flotilla");
    expect(resolveDatabaseUrl({ FLOTILLA_DATA_DIR: "/srv/flotilla" })).toBe("file:/srv/flotilla/flotilla.db");
  });
  it("lets DATABASE_URL override, made absolute", () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: "file:./other.db" })).toBe(`file:${path.resolve("other.db")}`);
    expect(resolveDatabaseUrl({ DATABASE_URL: "file:/var/db/f.db" })).toBe("file:/var/db/f.db");
  });
  it("refuses a URL that is not a SQLite file, saying what to set", () => {
    expect(() => resolveDatabaseUrl({ DATABASE_URL: "postgres://u@h/db" })).toThrow(
      /must be a SQLite "file:" URL \(got "postgres:"\)/,
    );
  });
});
