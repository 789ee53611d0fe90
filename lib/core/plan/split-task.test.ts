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
