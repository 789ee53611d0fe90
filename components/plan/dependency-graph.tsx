"use client";
// The dependency graph editor (React Flow): one node per package, laid out by wave. Drag from a
// node's right handle to another node to make that one depend on it; select an edge and press
// Delete to remove it. An edge that would close a loop is refused by the reducer, with a message.
import { Background, Controls, MarkerType, ReactFlow, useReactFlow, type Edge, type EdgeChange } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useState, type Dispatch } from "react";
import type { PlanEdit } from "@/lib/core/plan/plan-edits";
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";
import type { WavePlan } from "@/lib/core/wbs/waves";
import { waveLayout } from "@/lib/core/wbs/wave-layout";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { PackageNode, type PackageNodeType } from "./package-node";

const nodeTypes = { package: PackageNode };
const FIT = { padding: 0.2, maxZoom: 1 };

/** Refits the view when the layout changes (a package moved to another wave, one was added). */
function FitOnLayoutChange({ layoutKey }: { layoutKey: string }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView(FIT));
    return () => cancelAnimationFrame(frame);
  }, [layoutKey, fitView]);
  return null;
}

export function DependencyGraph({
  wbs,
  wavePlan,
  problems,
  dispatch,
}: {
  wbs: WorkBreakdown;
  wavePlan: WavePlan;
  problems: WbsProblem[];
  dispatch: Dispatch<PlanEdit>;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const nodes: PackageNodeType[] = useMemo(() => {
    const positions = new Map(waveLayout(wavePlan).map((p) => [p.id, p]));
    return wbs.work_packages.map((wp) => {
      const pos = positions.get(wp.id) ?? { x: 0, y: 0, wave: null };
      return {
        id: wp.id,
        type: "package",
        position: { x: pos.x, y: pos.y },
        data: {
          wpId: wp.id,
          name: wp.name,
          wave: pos.wave,
          hasError: problems.some((p) => p.severity === "error" && (p.wpId === wp.id || p.related?.includes(wp.id))),
        },
        draggable: false,
        deletable: false,
      };
    });
  }, [wbs, wavePlan, problems]);

  const edges: Edge[] = useMemo(
    () =>
      wbs.work_packages.flatMap((wp) =>
        wp.dependencies.map((dep) => ({
          id: `${dep}->${wp.id}`,
          source: dep,
          target: wp.id,
          markerEnd: { type: MarkerType.ArrowClosed },
          ariaLabel: `${wp.id} depends on ${dep}`,
          selected: selected.has(`${dep}->${wp.id}`),
        })),
      ),
    [wbs, selected],
  );

  // Controlled edges: selection is kept here, and removals become plan edits.
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      setSelected((current) => {
        const next = new Set(current);
        for (const change of changes) {
          if (change.type === "select") {
            if (change.selected) next.add(change.id);
            else next.delete(change.id);
          }
          if (change.type === "remove") next.delete(change.id);
        }
        return next;
      });
      for (const change of changes) {
        if (change.type !== "remove") continue;
        const [dependsOn, wpId] = change.id.split("->");
        dispatch({ type: "remove-dependency", wpId, dependsOn });
      }
    },
    [dispatch],
  );

  return (
    <div
      className="h-[28rem] rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950"
      data-testid="dependency-graph"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={FIT}
        nodesDraggable={false}
        deleteKeyCode={["Delete", "Backspace"]}
        onConnect={(c) =>
          c.source && c.target && dispatch({ type: "add-dependency", wpId: c.target, dependsOn: c.source })
        }
        onEdgesChange={onEdgesChange}
        proOptions={{ hideAttribution: true }}
        colorMode="system"
      >
        <FitOnLayoutChange layoutKey={nodes.map((n) => `${n.id}@${n.position.x},${n.position.y}`).join("|")} />
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
