"use client";
// The plan page: the WBS table beside the dependency graph. Waves, colours and problems update
// as you edit; undo works (button or Ctrl+Z); Save persists; Launch is disabled, with the
// reasons listed, while the plan has errors.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useMemo, useReducer, useState } from "react";
import { launchRunAction } from "@/lib/actions/launch-run";
import { savePlanAction } from "@/lib/actions/save-plan";
import { IDLE } from "@/lib/actions/action-state";
import { initialEditorState, planEditorReducer } from "@/lib/core/plan/plan-edits";
import { serializeWbs } from "@/lib/core/wbs/parse-wbs";
import { validateWbs } from "@/lib/core/wbs/validate-wbs";
import { computeWaves, waveNumbers } from "@/lib/core/wbs/waves";
import { MAX_WORK_PACKAGES, type WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DependencyGraph } from "./dependency-graph";
import { PackageTable } from "./package-table";
import { PlanInsights } from "./plan-insights";
import { PlanProblems } from "./plan-problems";

export function PlanEditor({
  runId,
  initialWbs,
  waveCap,
  concurrency,
  notice,
  testCommand = null,
}: {
  runId: string;
  initialWbs: WorkBreakdown;
  waveCap: number;
  concurrency: number;
  notice?: string;
  /** The run's test command; without one there is no test gate, and the page says so. */
  testCommand?: string | null;
}) {
  const [withoutGate, setWithoutGate] = useState(false);
  const [state, dispatch] = useReducer(planEditorReducer, initialWbs, initialEditorState);
  const [saveState, save, saving] = useActionState(savePlanAction, IDLE);
  const [launchState, launch, launching] = useActionState(launchRunAction, IDLE);
  const [acceptOverlaps, setAcceptOverlaps] = useState(false);
  const router = useRouter();
  const { wbs } = state;

  const validation = useMemo(() => validateWbs(wbs), [wbs]);
  const wavePlan = useMemo(() => computeWaves(wbs.work_packages, waveCap), [wbs, waveCap]);
  const waves = useMemo(() => waveNumbers(wavePlan), [wavePlan]);
  const problems = useMemo(() => [...validation.errors, ...validation.warnings], [validation]);
  const overlaps = validation.warnings.filter((w) => w.code === "output-overlap");
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
  useEffect(() => {
    if (!state.dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [state.dirty]);

  const launchBlocked = !validation.ok || (overlaps.length > 0 && !acceptOverlaps);
  return (
    <div className="flex flex-col gap-4">
      {notice && <Alert tone="info">{notice}</Alert>}
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-zinc-200 bg-white/90 p-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
        <p className="mr-auto text-sm">
          <span className="font-medium">{wbs.work_packages.length}</span> package(s) in{" "}
          <span className="font-medium">{wavePlan.waves.length}</span> wave(s)
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
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <PackageTable wbs={wbs} waves={waves} problems={problems} dispatch={dispatch} />
        <div className="flex flex-col gap-3">
          <DependencyGraph wbs={wbs} wavePlan={wavePlan} problems={validation.errors} dispatch={dispatch} />
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Drag from a package&apos;s right handle to another package to make it wait for the first. Select an arrow
            and press Delete to remove it.
          </p>
          <div
            id="launch-reasons"
            className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <PlanProblems errors={validation.errors} warnings={validation.warnings} />
          </div>
          <PlanInsights
            runId={runId}
            wbs={wbs}
            concurrency={concurrency}
            testCommand={testCommand}
            withoutGate={withoutGate}
            onWithoutGate={setWithoutGate}
          />
        </div>
      </div>
    </div>
  );
}
