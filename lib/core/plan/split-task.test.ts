import { describe, expect, it } from "vitest";
import { splitTask } from "./split-task";

const names = (task: string) => splitTask(task).parts.map((p) => p.name);

describe("splitTask", () => {
  it("takes the parts after 'with' and keeps the rest as context", () => {
    expect(splitTask("build a full authentication system with OAuth, RBAC, and audit logging")).toMatchObject({
      context: "authentication system",
      areaWords: ["authentication"],
      parts: [{ name: "OAuth" }, { name: "RBAC" }, { name: "Audit logging", words: ["audit", "logging"] }],
    });
  });
  it("takes list items", () => {
    expect(names("Create a CLI with commands:\n- init a project\n1. deploy to staging\n* roll back a release")).toEqual(
      ["Init a project", "Deploy to staging", "Roll back a release"],
    );
  });
  it("takes sentences", () => {
    expect(names("Add a REST API for orders. Store orders in Postgres. Send an email when an order ships.")).toEqual([
      "REST API for orders",
      "Orders in Postgres",
      "Email when an order ships",
    ]);
  });
  it("takes comma and 'and' lists without a head", () => {
    expect(names("Implement search, filtering, pagination and sorting")).toEqual([
      "Search",
      "Filtering",
      "Pagination",
      "Sorting",
    ]);
  });
  it("keeps a task with one part whole", () => {
    expect(names("Add dark mode")).toEqual(["Dark mode"]);
  });
});

describe("splitTask: counts, concerns and docs are not parts", () => {
  it("reads 'ten utility modules, each with types and tests, and a README'", () => {
    const split = splitTask("Build ten utility modules, each with types and tests, and a README");
    expect(split.stated).toEqual({ count: 10, kind: "utility module" });
    expect(split.concerns).toEqual(["types", "tests"]);
    expect(split.docs).toBe(true);
    expect(split.parts.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Utility module ${i + 1}`));
    expect(split.parts[3].words).toEqual(["utility", "4"]);
  });
  it("uses a stated count as the listed parts' kind, in digits or words, and never as a name", () => {
    expect(splitTask("Add 3 endpoints: users, orders, carts")).toMatchObject({
      context: "",
      areaWords: [],
      stated: { count: 3, kind: "endpoint" },
      parts: [
        { name: "Users", kind: "endpoint" },
        { name: "Orders", kind: "endpoint" },
        { name: "Carts", kind: "endpoint" },
      ],
    });
    expect(names("Add three endpoints (users, orders and carts) with documentation")).toEqual([
      "Users",
      "Orders",
      "Carts",
    ]);
    // Two named, three asked for: the third is numbered.
    expect(names("Build an API with 3 endpoints: users and orders")).toEqual(["Users", "Orders", "Endpoint 3"]);
  });
  it("takes trailing modifiers as concerns of every part", () => {
    expect(splitTask("Add a rate limiter with tests")).toMatchObject({
      parts: [{ name: "Rate limiter" }],
      concerns: ["tests"],
    });
    expect(splitTask("Build a REST API for orders including error handling")).toMatchObject({
      parts: [{ name: "REST API for orders" }],
      concerns: ["error handling"],
    });
    const typed = splitTask("Implement search, filtering and sorting, and make sure everything is typed and tested.");
    expect(typed.parts.map((p) => p.name)).toEqual(["Search", "Filtering", "Sorting"]);
    expect(typed.concerns).toEqual(["types", "tests"]);
    const sentences = splitTask("Add OAuth, RBAC and audit logging, all with unit tests. Ensure it works offline.");
    expect(sentences.parts.map((p) => p.name)).toEqual(["OAuth", "RBAC", "Audit logging"]);
    expect(sentences.concerns).toEqual(["tests", "works offline"]);
  });
  it("keeps a real extra part ('plus a CLI') and a task that is only about tests", () => {
    expect(names("Write a markdown parser that supports headings, lists and links, plus a CLI")).toEqual([
      "Headings",
      "Lists",
      "Links",
      "CLI",
    ]);
    expect(names("Add tests and types")).toEqual(["Tests", "Types"]);
    expect(names("Write a README")).toEqual(["README"]);
  });
});
