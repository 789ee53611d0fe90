"use client";
// The plan page: the dependency graph as the main surface with the selected package's editor
// beside it, or the table for bulk edits. Waves, colours and problems update as you edit; Undo
// and Redo (buttons, Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y); Save persists; leaving with unsaved edits
// asks first; Launch is disabled while the plan has errors, with each reason a link to its field.
import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useMemo, useReducer, useState } from "react";
import { launchRunAction } from "@/lib/actions/launch-run";
import { savePlanAction } from "@/lib/actions/save-plan";
import { IDLE } from "@/lib/actions/action-state";
import { initialEditorState, planEditorReducer } from "@/lib/core/plan/plan-edits";
import { serializeWbs } from "@/lib/core/wbs/parse-wbs";
import { validateWbs, type WbsProblem } from "@/lib/core/wbs/validate-wbs";
import { computeWaves, waveNumbers } from "@/lib/core/wbs/waves";
import { forecastSharedFiles, keptPairs } from "@/lib/core/wbs/shared-file-forecast";
import type { ForecastInputs } from "@/lib/server/plan/shared-files";
import { plural } from "@/lib/core/text/plural";
import { MAX_WORK_PACKAGES, type WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DependencyGraph } from "./dependency-graph";
import { fieldId } from "./field-id";
import { PackageEditor } from "./package-editor";
import { PackageTable } from "./package-table";
import { PlanInsights } from "./plan-insights";
import { PlanProblems, ProblemItem } from "./plan-problems";
import { SharedFileWarnings } from "./shared-file-warnings";
import { useLeaveGuard } from "./use-leave-guard";

const NO_FORECAST: ForecastInputs = { files: [], coChange: {} };

export function PlanEditor({
  runId,
  initialWbs,
  waveCap,
  concurrency,
  staggerSeconds,
  notice,
  testCommand = null,
  forecast = NO_FORECAST,
}: {
  runId: string;
  initialWbs: WorkBreakdown;
  waveCap: number;
  concurrency: number;
  staggerSeconds: number;
  notice?: string;
  /** The run's test command; without one there is no test gate, and the page says so. */
  testCommand?: string | null;
  /** The repository's registry-like files, manifests and co-changes, for the shared-file forecast. */
  forecast?: ForecastInputs;
}) {
  const [withoutGate, setWithoutGate] = useState(false);
  const [state, dispatch] = useReducer(planEditorReducer, initialWbs, initialEditorState);
  const [saveState, save, saving] = useActionState(savePlanAction, IDLE);
  const [launchState, launch, launching] = useActionState(launchRunAction, IDLE);
  const [acceptOverlaps, setAcceptOverlaps] = useState(false);
  const [view, setView] = useState<"graph" | "table">("graph");
  const [selected, setSelected] = useState<string | null>(null);
  const router = useRouter();
  const { wbs } = state;

  const validation = useMemo(() => validateWbs(wbs), [wbs]);
  const wavePlan = useMemo(() => computeWaves(wbs.work_packages, waveCap), [wbs, waveCap]);
  const waves = useMemo(() => waveNumbers(wavePlan), [wavePlan]);
  const problems = useMemo(() => [...validation.errors, ...validation.warnings], [validation]);
  const overlaps = validation.warnings.filter((w) => w.code === "output-overlap");
  const shared = useMemo(
    () => forecastSharedFiles(wbs.work_packages, forecast.files, keptPairs(wbs), forecast.coChange),
    [wbs, forecast],
  );
  const plan = serializeWbs(wbs);

  useEffect(() => {
    if (saveState.status === "ok") dispatch({ type: "saved" });
  }, [saveState]);
  useEffect(() => {
    if (launchState.status === "ok" && launchState.redirectTo) {
      dispatch({ type: "saved" });
      // Same URL, new page (monitor instead of plan): refresh so the layout's tabs follow.
      router.replace(launchState.redirectTo);
      router.refresh();
    }
  }, [launchState, router]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (!(event.ctrlKey || event.metaKey) || typing) return;
      const key = event.key.toLowerCase();
      // Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo.
      if (key === "z" || key === "y") {
        event.preventDefault();
        dispatch({ type: key === "y" || event.shiftKey ? "redo" : "undo" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useLeaveGuard(state.dirty, "This plan has unsaved changes. Leave the page and lose them?");

  // A problem's link opens its package (in the graph's side panel, or the table) at the field.
  const locate = useCallback((problem: WbsProblem) => {
    const { wpId, field = "name" } = problem;
    if (!wpId) return;
    setSelected(wpId);
    // After React has drawn the panel (a click's update is committed before the next frame).
    requestAnimationFrame(() => {
      const element = document.getElementById(fieldId(wpId, field)) ?? document.getElementById(fieldId(wpId, "name"));
      element?.scrollIntoView({ block: "center" });
      element?.focus();
    });
  }, []);

  const launchBlocked = !validation.ok || (overlaps.length > 0 && !acceptOverlaps);
  const tab = (name: "graph" | "table", label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === name}
      onClick={() => setView(name)}
      className={`rounded-md px-3 py-1 text-sm ${view === name ? "bg-white font-medium shadow-sm dark:bg-zinc-800" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="flex flex-col gap-4" data-wide>
      {notice && <Alert tone="info">{notice}</Alert>}
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-zinc-200 bg-white/90 p-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
        <p className="mr-auto text-sm">
          {plural(wbs.work_packages.length, "package")} in {plural(wavePlan.waves.length, "wave")}
          {state.dirty && <span className="ml-2 text-amber-700 dark:text-amber-400">· unsaved changes</span>}
        </p>
        <Button
          type="button"
          variant="secondary"
          onClick={() => dispatch({ type: "undo" })}
          disabled={state.past.length === 0}
        >
          Undo
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => dispatch({ type: "redo" })}
          disabled={state.future.length === 0}
          title="Ctrl+Shift+Z or Ctrl+Y"
        >
          Redo
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => dispatch({ type: "add-package" })}
          disabled={wbs.work_packages.length >= MAX_WORK_PACKAGES}
          title={
            wbs.work_packages.length >= MAX_WORK_PACKAGES
              ? `A plan has at most ${MAX_WORK_PACKAGES} packages`
              : undefined
          }
        >
          Add package
        </Button>
        <form action={save}>
          <input type="hidden" name="runId" value={runId} />
          <input type="hidden" name="wbs" value={plan} />
          <Button type="submit" variant="secondary" disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </Button>
        </form>
        <form action={launch} className="flex items-center gap-3">
          <input type="hidden" name="runId" value={runId} />
          <input type="hidden" name="wbs" value={plan} />
          {withoutGate && <input type="hidden" name="withoutTestGate" value="on" />}
          {overlaps.length > 0 && (
            <label className="flex items-center gap-1.5 text-xs">
              <input
                type="checkbox"
                name="acceptWarnings"
                checked={acceptOverlaps}
                onChange={(e) => setAcceptOverlaps(e.target.checked)}
              />
              Accept the file overlaps
            </label>
          )}
          <Button type="submit" disabled={launchBlocked || launching} aria-describedby="launch-reasons">
            {launching ? "Launching…" : "Launch"}
          </Button>
        </form>
        {launchBlocked && (
          <div id="launch-reasons" className="basis-full text-sm" data-testid="launch-reasons">
            <p className="font-medium text-red-800 dark:text-red-300">Launch is disabled until:</p>
            <ul className="list-disc pl-5 text-red-800 dark:text-red-300">
              {validation.errors.map((e, i) => (
                <li key={i}>
                  <ProblemItem problem={e} onLocate={locate} />
                </li>
              ))}
              {validation.ok && overlaps.length > 0 && (
                <li>the file overlaps are resolved, or accepted with the checkbox beside Launch</li>
              )}
            </ul>
          </div>
        )}
      </div>
      <div aria-live="polite" className="flex flex-col gap-2">
        {state.refusal && <Alert tone="error">{state.refusal}</Alert>}
        {saveState.status === "ok" && !state.dirty && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {saveState.message}
          </p>
        )}
        {saveState.status === "error" && <Alert tone="error">{saveState.error}</Alert>}
        {launchState.status === "error" && (
          <Alert tone="error" title="Not launched">
            {launchState.error}
          </Alert>
        )}
      </div>
      <div
        role="tablist"
        aria-label="Plan view"
        className="flex gap-1 self-start rounded-lg bg-zinc-100 p-1 dark:bg-zinc-900"
      >
        {tab("graph", "Graph")}
        {tab("table", "Table")}
      </div>
      {view === "graph" ? (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="flex min-w-0 flex-col gap-2">
            <DependencyGraph
              wbs={wbs}
              wavePlan={wavePlan}
              problems={validation.errors}
              dispatch={dispatch}
              selectedPackage={selected}
              onSelectPackage={setSelected}
            />
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Drag from a package&apos;s right handle and drop it on another package to make that one wait for the
              first. Select or focus an arrow (Tab, then Enter) and press Delete to remove it. Click a package, or focus
              it and press Enter, to edit it; its side panel also adds dependencies from the keyboard.
            </p>
          </div>
          <PackageEditor
            wbs={wbs}
            selected={selected}
            waves={waves}
            problems={problems}
            dispatch={dispatch}
            onSelect={setSelected}
          />
        </div>
      ) : (
        <PackageTable wbs={wbs} waves={waves} problems={problems} dispatch={dispatch} />
      )}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <div className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
          <PlanProblems errors={validation.errors} warnings={validation.warnings} onLocate={locate} />
          {shared.length > 0 && (
            <div className="mt-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
              <SharedFileWarnings warnings={shared} dispatch={dispatch} />
            </div>
          )}
        </div>
        <PlanInsights
          runId={runId}
          wbs={wbs}
          concurrency={concurrency}
          staggerSeconds={staggerSeconds}
          testCommand={testCommand}
          withoutGate={withoutGate}
          onWithoutGate={setWithoutGate}
        />
      </div>
    </div>
  );
}
