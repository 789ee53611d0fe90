"use client";
// One package in the dependency graph: id, wave and name. Drag from the right handle; while a
// connection is being drawn the whole package is a drop target, so it connects wherever it is
// dropped. Memoised, at module scope, as React Flow recommends.
import { Handle, Position, useConnection, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { waveColor } from "./wave-colors";

export type PackageNodeData = { wpId: string; name: string; wave: number | null; hasError: boolean };
export type PackageNodeType = Node<PackageNodeData, "package">;

/** The node's size; the layout and the edge routes use the same numbers. */
export const NODE_SIZE = { width: 192, height: 64 };

function PackageNodeView({ id, data, selected }: NodeProps<PackageNodeType>) {
  const connecting = useConnection((c) => c.inProgress && c.fromNode.id !== id);
  return (
    <div
      className={`relative flex h-16 w-48 flex-col justify-center rounded-lg border-2 bg-white px-3 text-left shadow-sm dark:bg-zinc-900 ${data.hasError ? "border-red-600 dark:border-red-400" : selected ? "border-indigo-600 dark:border-indigo-400" : "border-zinc-200 dark:border-zinc-700"}`}
      style={{ boxShadow: `inset 4px 0 0 ${waveColor(data.wave)}` }}
    >
      <Handle
        type="target"
        position={Position.Left}
        className={
          connecting
            ? "!absolute !inset-0 !h-full !w-full !transform-none !rounded-lg !border-0 !bg-indigo-500/10"
            : "!h-3 !w-3 !bg-zinc-500"
        }
      />
      <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
        {data.wpId} · {data.wave ? `wave ${data.wave}` : "no wave"}
      </p>
      <p className="truncate text-sm font-medium" title={data.name}>
        {data.name || <em className="text-zinc-500 dark:text-zinc-400">unnamed</em>}
      </p>
      <Handle
        type="source"
        position={Position.Right}
        className="!h-4 !w-4 !border-2 !border-white !bg-indigo-600 dark:!border-zinc-900"
        title={`Drag from here and drop on another package to make it wait for ${data.wpId}`}
      />
    </div>
  );
}

export const PackageNode = memo(PackageNodeView);
