// Every edit the plan editor can make, as a pure reducer with undo. An edge that would close a
// dependency loop is refused with a message naming the loop; removing a package removes the
// edges pointing at it.
import { cycleIfDependencyAdded, formatCycle } from "../wbs/dependency-graph";
import { KEEP_PARALLEL_FIELD, keepParallelPair, keptPairs } from "../wbs/shared-file-forecast";
import { compareWpIds, nextWpId } from "../wbs/package-id";
import { MAX_WORK_PACKAGES, type WorkBreakdown, type WorkPackageSpec } from "../wbs/wbs-schema";

export type TextField = "name" | "scope" | "in_scope" | "out_of_scope" | "produces" | "consumes" | "acceptance";

export type PlanEdit =
  | { type: "set-field"; wpId: string; field: TextField; value: string }
  | { type: "add-package" }
  | { type: "remove-package"; wpId: string }
  | { type: "add-output"; wpId: string; path: string }
  | { type: "edit-output"; wpId: string; index: number; path: string }
  | { type: "remove-output"; wpId: string; index: number }
  | { type: "add-dependency"; wpId: string; dependsOn: string }
  | { type: "remove-dependency"; wpId: string; dependsOn: string }
  /** "Keep them parallel": no shared-file warning for this pair again. */
  | { type: "keep-parallel"; a: string; b: string }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "saved" }
  | { type: "reset"; wbs: WorkBreakdown };

export interface PlanEditorState {
  wbs: WorkBreakdown;
  past: WorkBreakdown[];
  /** What undo took back, newest last: redo brings it again; a new edit clears it. */
  future: WorkBreakdown[];
  /** Why the last edit was refused (e.g. the loop an edge would close). */
  refusal: string | null;
  /** True when the plan differs from the last saved one (undoing back to it makes it clean). */
  dirty: boolean;
  /** The plan as last saved (or loaded). */
  saved: WorkBreakdown;
  /** The field the last edit typed into: typing on in it is one undo step, not one per key. */
  typingIn: string | null;
}

const HISTORY_LIMIT = 100;

export function initialEditorState(wbs: WorkBreakdown): PlanEditorState {
  return { wbs, past: [], future: [], refusal: null, dirty: false, saved: wbs, typingIn: null };
}

function mapPackage(wbs: WorkBreakdown, wpId: string, change: (wp: WorkPackageSpec) => WorkPackageSpec): WorkBreakdown {
  return { ...wbs, work_packages: wbs.work_packages.map((wp) => (wp.id === wpId ? change(wp) : wp)) };
}

/** Applies one edit to a plan; returns the new plan or a refusal. */
export function applyEdit(
  wbs: WorkBreakdown,
  edit: Exclude<PlanEdit, { type: "undo" | "redo" | "reset" | "saved" }>,
): { wbs: WorkBreakdown } | { refusal: string } {
  switch (edit.type) {
    case "set-field":
      return { wbs: mapPackage(wbs, edit.wpId, (wp) => ({ ...wp, [edit.field]: edit.value })) };
    case "add-package": {
      if (wbs.work_packages.length >= MAX_WORK_PACKAGES)
        return { refusal: `A plan has at most ${MAX_WORK_PACKAGES} work packages` };
      const id = nextWpId(wbs.work_packages.map((p) => p.id));
      const added: WorkPackageSpec = {
        id,
        name: "",
        scope: "",
        expected_outputs: [],
        dependencies: [],
        status: "pending",
      };
      return { wbs: { ...wbs, work_packages: [...wbs.work_packages, added].sort((a, b) => compareWpIds(a.id, b.id)) } };
    }
    case "remove-package": {
      const kept = keptPairs(wbs);
      return {
        wbs: {
          ...wbs,
          work_packages: wbs.work_packages
            .filter((wp) => wp.id !== edit.wpId)
            .map((wp) => ({ ...wp, dependencies: wp.dependencies.filter((d) => d !== edit.wpId) })),
          // A "keep parallel" choice goes with the package (its id may be given to a new one).
          ...(kept.length > 0 && { [KEEP_PARALLEL_FIELD]: kept.filter((p) => !p.split("+").includes(edit.wpId)) }),
        },
      };
    }
    case "add-output": {
      const path = edit.path.trim();
      if (!path) return { refusal: "Type a file path first, e.g. src/auth/oauth.ts" };
      return {
        wbs: mapPackage(wbs, edit.wpId, (wp) =>
          wp.expected_outputs.includes(path) ? wp : { ...wp, expected_outputs: [...wp.expected_outputs, path] },
        ),
      };
    }
    case "edit-output":
      return {
        wbs: mapPackage(wbs, edit.wpId, (wp) => ({
          ...wp,
          expected_outputs: wp.expected_outputs.map((p, i) => (i === edit.index ? edit.path.trim() : p)),
        })),
      };
    case "remove-output":
      return {
        wbs: mapPackage(wbs, edit.wpId, (wp) => ({
          ...wp,
          expected_outputs: wp.expected_outputs.filter((_, i) => i !== edit.index),
        })),
      };
    case "add-dependency": {
      const target = wbs.work_packages.find((wp) => wp.id === edit.wpId);
      if (!target || !wbs.work_packages.some((wp) => wp.id === edit.dependsOn))
        return { refusal: "Both packages must be in the plan" };
      if (target.dependencies.includes(edit.dependsOn)) return { wbs };
      const loop = cycleIfDependencyAdded(wbs.work_packages, edit.wpId, edit.dependsOn);
      if (loop) {
        return {
          refusal:
            edit.wpId === edit.dependsOn
              ? `${edit.wpId} cannot depend on itself`
              : `${edit.wpId} cannot depend on ${edit.dependsOn}: that would make the loop ${formatCycle([...loop].reverse())}`,
        };
      }
      return {
        wbs: mapPackage(wbs, edit.wpId, (wp) => ({
          ...wp,
          dependencies: [...wp.dependencies, edit.dependsOn].sort(compareWpIds),
        })),
      };
    }
    case "remove-dependency":
      return {
        wbs: mapPackage(wbs, edit.wpId, (wp) => ({
          ...wp,
          dependencies: wp.dependencies.filter((d) => d !== edit.dependsOn),
        })),
      };
    case "keep-parallel": {
      const pair = keepParallelPair(edit.a, edit.b);
      const kept = keptPairs(wbs);
      return kept.includes(pair) ? { wbs } : { wbs: { ...wbs, [KEEP_PARALLEL_FIELD]: [...kept, pair] } };
    }
  }
}

const typingKey = (edit: PlanEdit): string | null =>
  edit.type === "set-field"
    ? `${edit.wpId}:${edit.field}`
    : edit.type === "edit-output"
      ? `${edit.wpId}:output:${edit.index}`
      : null;

export function planEditorReducer(state: PlanEditorState, edit: PlanEdit): PlanEditorState {
  if (edit.type === "reset") return initialEditorState(edit.wbs);
  if (edit.type === "saved") return { ...state, dirty: false, saved: state.wbs, typingIn: null };
  if (edit.type === "undo") {
    const previous = state.past[state.past.length - 1];
    return previous
      ? {
          ...state,
          wbs: previous,
          past: state.past.slice(0, -1),
          future: [...state.future, state.wbs],
          refusal: null,
          dirty: previous !== state.saved,
          typingIn: null,
        }
      : state;
  }
  if (edit.type === "redo") {
    const next = state.future[state.future.length - 1];
    return next
      ? {
          ...state,
          wbs: next,
          past: [...state.past, state.wbs].slice(-HISTORY_LIMIT),
          future: state.future.slice(0, -1),
          refusal: null,
          dirty: next !== state.saved,
          typingIn: null,
        }
      : state;
  }
  const result = applyEdit(state.wbs, edit);
  if ("refusal" in result) return { ...state, refusal: result.refusal, typingIn: null };
  if (result.wbs === state.wbs) return { ...state, refusal: null };
  const key = typingKey(edit);
  const continuesTyping = key !== null && key === state.typingIn;
  const past = continuesTyping ? state.past : [...state.past, state.wbs].slice(-HISTORY_LIMIT);
  return { ...state, wbs: result.wbs, past, future: [], refusal: null, dirty: true, typingIn: key };
}
