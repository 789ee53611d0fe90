"use client";
// One package in the dependency graph: id, name and wave, with handles to drag a dependency
// from (right) and to (left). Memoised, at module scope, as React Flow recommends.
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { waveColor } from "./wave-colors";

export type PackageNodeData = { wpId: string; name: string; wave: number | null; hasError: boolean };
export type PackageNodeType = Node<PackageNodeData, "package">;

function PackageNodeView({ data }: NodeProps<PackageNodeType>) {
  return (
    <div
      className={`w-48 rounded-lg border-2 bg-white px-3 py-2 text-left shadow-sm dark:bg-zinc-900 ${data.hasError ? "border-red-500" : "border-transparent"}`}
      style={{ boxShadow: `inset 4px 0 0 ${waveColor(data.wave)}` }}
    >
      <Handle type="target" position={Position.Left} className="!h-3 !w-3 !bg-zinc-400" />
      <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
        {data.wpId} · {data.wave ? `wave ${data.wave}` : "no wave"}
      </p>
      <p className="truncate text-sm font-medium">{data.name || <em className="text-zinc-400">unnamed</em>}</p>
      <Handle type="source" position={Position.Right} className="!h-3 !w-3 !bg-indigo-500" />
    </div>
  );
}

export const PackageNode = memo(PackageNodeView);
