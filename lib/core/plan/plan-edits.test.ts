import { describe, expect, it } from "vitest";
import { wbsOf, wp } from "../wbs/test-builders";
import { forecastSharedFiles, keptPairs } from "../wbs/shared-file-forecast";
import type { WorkBreakdown } from "../wbs/wbs-schema";
import { applyEdit, initialEditorState, planEditorReducer } from "./plan-edits";

const chain = () => wbsOf([wp("WP-1"), wp("WP-2", ["WP-1"]), wp("WP-3", ["WP-2"])]);

describe("plan edits", () => {
  it("refuses an edge that would close a loop, naming the loop", () => {
    expect(applyEdit(chain(), { type: "add-dependency", wpId: "WP-1", dependsOn: "WP-3" })).toEqual({
      refusal: "WP-1 cannot depend on WP-3: that would make the loop WP-1 → WP-2 → WP-3 → WP-1",
    });
    expect(applyEdit(chain(), { type: "add-dependency", wpId: "WP-2", dependsOn: "WP-2" })).toEqual({
      refusal: "WP-2 cannot depend on itself",
    });
  });

  it("adds and removes dependencies", () => {
    const added = applyEdit(chain(), { type: "add-dependency", wpId: "WP-3", dependsOn: "WP-1" });
    expect("wbs" in added && added.wbs.work_packages[2].dependencies).toEqual(["WP-1", "WP-2"]);
    const removed = applyEdit(chain(), { type: "remove-dependency", wpId: "WP-2", dependsOn: "WP-1" });
    expect("wbs" in removed && removed.wbs.work_packages[1].dependencies).toEqual([]);
  });

  it("adds packages up to 10 with the next free id, and removes one with the edges to it", () => {
    let state = initialEditorState(chain());
    state = planEditorReducer(state, { type: "add-package" });
    expect(state.wbs.work_packages.map((p) => p.id)).toEqual(["WP-1", "WP-2", "WP-3", "WP-4"]);
    state = planEditorReducer(state, { type: "remove-package", wpId: "WP-1" });
    expect(state.wbs.work_packages.map((p) => [p.id, p.dependencies])).toEqual([
      ["WP-2", []],
      ["WP-3", ["WP-2"]],
      ["WP-4", []],
    ]);
    for (let i = 0; i < 10; i++) state = planEditorReducer(state, { type: "add-package" });
    expect(state.wbs.work_packages).toHaveLength(10);
    expect(state.refusal).toBe("A plan has at most 10 work packages");
  });

  it("edits fields and output chips, and undoes step by step", () => {
    let state = initialEditorState(chain());
    state = planEditorReducer(state, { type: "set-field", wpId: "WP-1", field: "name", value: "OAuth" });
    state = planEditorReducer(state, { type: "edit-output", wpId: "WP-1", index: 0, path: " src/auth/oauth.ts " });
    state = planEditorReducer(state, { type: "add-output", wpId: "WP-1", path: "tests/oauth.test.ts" });
    expect(state.wbs.work_packages[0]).toMatchObject({
      name: "OAuth",
      expected_outputs: ["src/auth/oauth.ts", "tests/oauth.test.ts"],
    });
    expect(state.dirty).toBe(true);
    state = planEditorReducer(state, { type: "undo" });
    state = planEditorReducer(state, { type: "undo" });
    expect(state.wbs.work_packages[0]).toMatchObject({ name: "OAuth", expected_outputs: ["src/wp-1.ts"] });
    state = planEditorReducer(state, { type: "undo" });
    expect(state.wbs).toEqual(chain());
    expect(planEditorReducer(state, { type: "undo" })).toBe(state);
  });

  it("redoes what undo took back, and a new edit clears what could be redone", () => {
    let state = initialEditorState(chain());
    state = planEditorReducer(state, { type: "set-field", wpId: "WP-1", field: "name", value: "First" });
    state = planEditorReducer(state, { type: "add-package" });
    const edited = state.wbs;
    state = planEditorReducer(state, { type: "undo" });
    state = planEditorReducer(state, { type: "undo" });
    expect(state.wbs).toEqual(chain());
    state = planEditorReducer(state, { type: "redo" });
    state = planEditorReducer(state, { type: "redo" });
    expect(state.wbs).toEqual(edited);
    expect(planEditorReducer(state, { type: "redo" })).toBe(state);
    state = planEditorReducer(state, { type: "undo" });
    state = planEditorReducer(state, { type: "set-field", wpId: "WP-2", field: "name", value: "Other" });
    expect(state.future).toEqual([]);
  });

  it("undoes a word typed into one field in one step", () => {
    let state = initialEditorState(chain());
    for (const value of ["O", "OA", "OAuth"])
      state = planEditorReducer(state, { type: "set-field", wpId: "WP-1", field: "name", value });
    expect(state.past).toHaveLength(1);
    expect(planEditorReducer(state, { type: "undo" }).wbs).toEqual(chain());
    expect(planEditorReducer(state, { type: "saved" }).dirty).toBe(false);
  });

  it("keeps the plan and reports a refused edit", () => {
    const state = planEditorReducer(initialEditorState(chain()), { type: "add-output", wpId: "WP-1", path: "  " });
    expect(state).toMatchObject({ refusal: "Type a file path first, e.g. src/auth/oauth.ts", past: [] });
  });
});

describe("keeping two packages parallel", () => {
  it("remembers the pair in the plan, once, undoably, and forgets it with a removed package", () => {
    const start: WorkBreakdown = {
      task: "t",
      created: "2026-12-01T00:00:00Z",
      work_packages: ["WP-1", "WP-2"].map((id) => ({
        id,
        name: id,
        scope: id,
        expected_outputs: [`src/plugins/${id}.js`],
        dependencies: [],
        status: "pending",
      })),
    };
    const files = ["src/plugins/index.js"];
    expect(forecastSharedFiles(start.work_packages, files, keptPairs(start))).toHaveLength(1);
    let state = planEditorReducer(initialEditorState(start), { type: "keep-parallel", a: "WP-2", b: "WP-1" });
    state = planEditorReducer(state, { type: "keep-parallel", a: "WP-1", b: "WP-2" });
    expect(keptPairs(state.wbs)).toEqual(["WP-1+WP-2"]);
    expect(forecastSharedFiles(state.wbs.work_packages, files, keptPairs(state.wbs))).toEqual([]);
    expect(keptPairs(planEditorReducer(state, { type: "undo" }).wbs)).toEqual([]);
    expect(keptPairs(planEditorReducer(state, { type: "remove-package", wpId: "WP-2" }).wbs)).toEqual([]);
  });
});

describe("unsaved changes", () => {
  it("are gone again once every edit is undone, and back with a redo", () => {
    let state = initialEditorState(chain());
    state = planEditorReducer(state, { type: "set-field", wpId: "WP-1", field: "name", value: "Renamed" });
    expect(state.dirty).toBe(true);
    state = planEditorReducer(state, { type: "undo" });
    expect(state.dirty).toBe(false);
    state = planEditorReducer(state, { type: "redo" });
    expect(state.dirty).toBe(true);
    state = planEditorReducer(state, { type: "saved" });
    state = planEditorReducer(state, { type: "undo" });
    expect(state.dirty).toBe(true);
  });
});
