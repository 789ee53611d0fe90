"use client";
// The dependency graph editor (React Flow), the plan's main surface: one node per package, laid
// out by wave at a readable size (the view pans rather than shrinking the labels). Drag from a
// package's right handle and drop anywhere on another package to make it wait for the first; an
// arrow that skips waves runs on its own lane; select or focus an arrow and press Delete (or
// Backspace) to remove it. Clicking a package (or Enter on a focused one) opens it in the side panel.
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type KeyboardEvent } from "react";
import type { PlanEdit } from "@/lib/core/plan/plan-edits";
import { routeSkippingEdges } from "@/lib/core/wbs/edge-routes";
import type { WbsProblem } from "@/lib/core/wbs/validate-wbs";
import type { WavePlan } from "@/lib/core/wbs/waves";
import { waveLayout } from "@/lib/core/wbs/wave-layout";
import type { WorkBreakdown } from "@/lib/core/wbs/wbs-schema";
import { LaneEdge, type LaneEdgeType } from "./lane-edge";
import { NODE_SIZE, PackageNode, type PackageNodeType } from "./package-node";

const nodeTypes = { package: PackageNode };
const edgeTypes = { lane: LaneEdge };
const SPACING = { column: 240, row: 96 };
const PADDING = 32;
const DELETE_KEYS = ["Delete", "Backspace"];

/** Puts the plan at full size in the top-left corner whenever the layout changes. */
function ViewOnLayoutChange({ layoutKey, top }: { layoutKey: string; top: number }) {
  const { setViewport } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void setViewport({ x: PADDING, y: PADDING - top, zoom: 1 }));
    return () => cancelAnimationFrame(frame);
  }, [layoutKey, top, setViewport]);
  return null;
}

export function DependencyGraph({
  wbs,
  wavePlan,
  problems,
  dispatch,
  selectedPackage,
  onSelectPackage,
}: {
  wbs: WorkBreakdown;
  wavePlan: WavePlan;
  problems: WbsProblem[];
  dispatch: Dispatch<PlanEdit>;
  selectedPackage: string | null;
  onSelectPackage: (wpId: string | null) => void;
}) {
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());
  const positions = useMemo(() => waveLayout(wavePlan, SPACING), [wavePlan]);
  const nodes: PackageNodeType[] = useMemo(() => {
    const byId = new Map(positions.map((p) => [p.id, p]));
    return wbs.work_packages.map((wp) => {
      const pos = byId.get(wp.id) ?? { x: 0, y: 0, wave: null };
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
        selected: wp.id === selectedPackage,
        draggable: false,
        deletable: false,
        ariaLabel: `${wp.id} ${wp.name}`,
      };
    });
  }, [wbs, positions, problems, selectedPackage]);

  const focusAfterRemoval = useRef<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const removeEdge = useCallback(
    (id: string) => {
      const [dependsOn, wpId] = id.split("->");
      dispatch({ type: "remove-dependency", wpId, dependsOn });
      setSelectedEdges((current) => new Set([...current].filter((e) => e !== id)));
      // Keyboard users keep their place: the package that waited takes the focus (once drawn).
      focusAfterRemoval.current = wpId;
    },
    [dispatch],
  );
  useEffect(() => {
    const wpId = focusAfterRemoval.current;
    if (!wpId) return;
    focusAfterRemoval.current = null;
    // React Flow hides a node until it has measured it again after the layout changed.
    let frame = 0;
    let tries = 0;
    const focusWhenShown = () => {
      const node = container.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${wpId}"]`);
      if (node && getComputedStyle(node).visibility !== "hidden") node.focus();
      else if (tries++ < 30) frame = requestAnimationFrame(focusWhenShown);
    };
    frame = requestAnimationFrame(focusWhenShown);
    return () => cancelAnimationFrame(frame);
  }, [wbs]);

  const edges: LaneEdgeType[] = useMemo(() => {
    const pairs = wbs.work_packages.flatMap((wp) => wp.dependencies.map((dep) => ({ source: dep, target: wp.id })));
    const lanes = routeSkippingEdges(positions, pairs, NODE_SIZE);
    return pairs.map(({ source, target }) => {
      const id = `${source}->${target}`;
      return {
        id,
        source,
        target,
        type: "lane",
        data: { laneY: lanes.get(id) },
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: "var(--graph-edge)" },
        style: { stroke: "var(--graph-edge)", strokeWidth: 1.75 },
        ariaLabel: `${target} depends on ${source}`,
        selected: selectedEdges.has(id),
        // A focused arrow deletes with Delete or Backspace too, not only a selected one.
        domAttributes: {
          onKeyDown: (event: KeyboardEvent<SVGGElement>) => {
            if (DELETE_KEYS.includes(event.key)) {
              event.preventDefault();
              removeEdge(id);
            } else if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              setSelectedEdges(new Set([id]));
            } else if (event.key === "Escape") setSelectedEdges(new Set());
          },
        },
      };
    });
  }, [wbs, positions, selectedEdges, removeEdge]);

  // Controlled: selection is kept here, and removals become plan edits.
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      setSelectedEdges((current) => {
        const next = new Set(current);
        for (const change of changes) {
          if (change.type === "select") {
            if (change.selected) next.add(change.id);
            else next.delete(change.id);
          }
        }
        return next;
      });
      for (const change of changes) if (change.type === "remove") removeEdge(change.id);
    },
    [removeEdge],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      for (const change of changes) {
        if (change.type !== "select") continue;
        if (change.selected) onSelectPackage(change.id);
        else if (change.id === selectedPackage) onSelectPackage(null);
      }
    },
    [onSelectPackage, selectedPackage],
  );

  const rows = Math.max(1, ...wavePlan.waves.map((w) => w.length), wavePlan.unplaced.length);
  const lanes = edges.map((e) => e.data?.laneY).filter((y): y is number => y !== undefined);
  const top = Math.min(0, ...lanes);
  const bottom = Math.max((rows - 1) * SPACING.row + NODE_SIZE.height, ...lanes);
  const height = Math.min(Math.max(bottom - top + 2 * PADDING, 288), 720);

  return (
    <div
      ref={container}
      className="rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950"
      style={{ height }}
      data-testid="dependency-graph"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        minZoom={0.5}
        maxZoom={1.5}
        nodesDraggable={false}
        autoPanOnConnect={false}
        connectionRadius={32}
        deleteKeyCode={DELETE_KEYS}
        onConnect={(c) =>
          c.source && c.target && dispatch({ type: "add-dependency", wpId: c.target, dependsOn: c.source })
        }
        onEdgesChange={onEdgesChange}
        onNodesChange={onNodesChange}
        onPaneClick={() => onSelectPackage(null)}
        proOptions={{ hideAttribution: true }}
        colorMode="system"
      >
        <ViewOnLayoutChange
          layoutKey={nodes.map((n) => `${n.id}@${n.position.x},${n.position.y}`).join("|")}
          top={top}
        />
        <Background />
        <Controls showInteractive={false} position="bottom-right" />
      </ReactFlow>
    </div>
  );
}
