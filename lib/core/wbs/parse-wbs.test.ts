import { describe, expect, it } from "vitest";
import { parseWbsJson, serializeWbs } from "./parse-wbs";

const teamOfTeams = {
  task: "build a full authentication system with OAuth, RBAC, and audit logging",
  created: "2026-11-21T10:00:00Z",
  owner: "ops-team",
  work_packages: [
    {
      id: "WP-1",
      name: "OAuth Integration",
      scope: "OAuth provider setup",
      expected_outputs: ["src/auth/oauth.ts"],
      dependencies: [],
      status: "pending",
      priority: "high",
      notes: { reviewer: "ana", tags: ["auth"] },
    },
    {
      id: "WP-2",
      name: "RBAC",
      scope: "Roles",
      expected_outputs: ["src/auth/rbac.ts"],
      dependencies: ["WP-1"],
      status: "pending",
      in_scope: "roles and permissions",
      out_of_scope: "OAuth",
      produces: "authorize()",
      consumes: "the session of WP-1",
      acceptance: "unit tests pass",
    },
  ],
};

describe("wbs.json", () => {
  it("round-trips the team-of-teams format, keeping unknown fields at every level", () => {
    const text = JSON.stringify(teamOfTeams, null, 2);
    const parsed = parseWbsJson(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(JSON.parse(serializeWbs(parsed.wbs))).toEqual(teamOfTeams);
    const again = parseWbsJson(serializeWbs(parsed.wbs));
    expect(again).toEqual(parsed);
  });

  it("fills defaults for optional workflow fields", () => {
    const parsed = parseWbsJson(JSON.stringify({ task: "t", work_packages: [{ id: "WP-1", name: "n" }] }));
    expect(parsed).toMatchObject({
      ok: true,
      wbs: { work_packages: [{ scope: "", expected_outputs: [], dependencies: [], status: "pending" }] },
    });
  });

  it("names the line and column of a JSON syntax error", () => {
    const parsed = parseWbsJson('{\n  "task": "x",\n  "work_packages": [,]\n}');
    expect(parsed).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^Not valid JSON at line 3, column 21: value expected$/)],
    });
  });

  it("names the field of a schema error", () => {
    const parsed = parseWbsJson(
      JSON.stringify({ task: "t", work_packages: [{ id: "WP-1", name: "n", expected_outputs: [42] }] }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [
        '"work_packages[0].expected_outputs[0]" must be a string, not a number: each entry of "expected_outputs" is a string',
      ],
    });
  });

  it("requires the task and the package list", () => {
    const parsed = parseWbsJson("{}");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.split(":")[0])).toEqual([
      'the plan has no "task"',
      'the plan has no "work_packages"',
    ]);
  });
});

describe("a wbs.json of the wrong shape", () => {
  it("says in words what is missing and what to write", () => {
    expect(parseWbsJson(JSON.stringify({ work_packages: [] }))).toEqual({
      ok: false,
      errors: ['the plan has no "task": add the compound task as a string'],
    });
    const noId = parseWbsJson(JSON.stringify({ task: "t", work_packages: [{ name: "n" }] }));
    expect(noId).toEqual({
      ok: false,
      errors: [expect.stringContaining('work package 1 (work_packages[0]) has no "id": add an id such as "WP-1"')],
    });
    const wrongType = parseWbsJson(JSON.stringify({ task: 3, work_packages: [] }));
    expect(wrongType).toEqual({
      ok: false,
      errors: ['"task" must be a string, not a number: add the compound task as a string'],
    });
  });

  it("calls a JSON array JSON of the wrong shape, not a Markdown plan", async () => {
    const { importPlan } = await import("../plan/import-markdown");
    const result = importPlan(JSON.stringify([{ id: "WP-1" }]));
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringContaining('A plan is a JSON object with "task" and "work_packages", but this is an array'),
      ],
    });
  });
});
