"use client";
// A dependency edge: a curve between neighbouring waves, or, when it skips waves, a path along
// its own lane above or below the packages it passes (lane from lib/core/wbs/edge-routes.ts).
import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { lanePoints, roundedPath } from "@/lib/core/wbs/edge-routes";

export type LaneEdgeType = Edge<{ laneY?: number }, "lane">;

function LaneEdgeView(props: EdgeProps<LaneEdgeType>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style } = props;
  const path =
    data?.laneY === undefined
      ? getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0]
      : roundedPath(lanePoints({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, data.laneY));
  return <BaseEdge id={props.id} path={path} markerEnd={markerEnd} style={style} interactionWidth={16} />;
}

export const LaneEdge = memo(LaneEdgeView);
