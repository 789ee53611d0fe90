import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseProvider, redactDatabaseUrl, resolveDatabaseUrl, resolveDataDir } from "./database-url";

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
  it("takes a PostgreSQL URL as it is", () => {
    const url = "postgresql://flotilla:s3cret@db.internal:5432/flotilla?sslmode=require";
    expect(resolveDatabaseUrl({ DATABASE_URL: url })).toBe(url);
    expect(databaseProvider(url)).toBe("postgresql");
    expect(databaseProvider("postgres://u@h/db")).toBe("postgresql");
    expect(databaseProvider("file:/x.db")).toBe("sqlite");
  });
  it("keeps the password out of messages", () => {
    expect(redactDatabaseUrl("postgresql://flotilla:s3cret@db:5432/f")).toBe("postgresql://flotilla:***@db:5432/f");
    expect(redactDatabaseUrl("file:/x.db")).toBe("file:/x.db");
  });
  it("refuses a URL that is neither, saying what to set", () => {
    expect(() => resolveDatabaseUrl({ DATABASE_URL: "mysql://u@h/db" })).toThrow(
      /must be a SQLite "file:" URL or a "postgresql:\/\/" URL \(got "mysql:"\)/,
    );
    expect(() => resolveDatabaseUrl({ DATABASE_URL: "postgresql://u:p@[bad/db" })).toThrow(
      /not a valid PostgreSQL URL/,
    );
  });
});
