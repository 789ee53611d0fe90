// Routes for the dependency graph's edges: an edge between neighbouring waves is drawn straight;
// one that skips waves runs along a lane above or below the packages of the waves it passes, so
// it never hides behind a package and stays visible and selectable.
import type { NodePosition } from "./wave-layout";

export interface NodeSize {
  width: number;
  height: number;
}

/** The y of the lane each wave-skipping edge runs along, by edge id (`SOURCE->TARGET`). */
export function routeSkippingEdges(
  positions: readonly NodePosition[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  size: NodeSize,
  { gap = 18, spacing = 12 } = {},
): Map<string, number> {
  const byId = new Map(positions.map((p) => [p.id, p]));
  const columns = new Map<number, NodePosition[]>();
  for (const p of positions) if (p.wave !== null) columns.set(p.wave, [...(columns.get(p.wave) ?? []), p]);
  const lanes = new Map<string, number>();
  const used = { above: 0, below: 0 };
  for (const edge of edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from?.wave || !to?.wave || to.wave - from.wave < 2) continue;
    const between = [];
    for (let wave = from.wave + 1; wave < to.wave; wave++) between.push(...(columns.get(wave) ?? []));
    if (between.length === 0) continue;
    const top = Math.min(...between.map((p) => p.y));
    const bottom = Math.max(...between.map((p) => p.y + size.height));
    const middle = (from.y + to.y) / 2 + size.height / 2;
    const side = middle - top <= bottom - middle ? "above" : "below";
    const offset = gap + used[side]++ * spacing;
    lanes.set(`${edge.source}->${edge.target}`, side === "above" ? top - offset : bottom + offset);
  }
  return lanes;
}

/** An SVG path through the points, with the corners rounded (radius clamped to each segment). */
export function roundedPath(points: ReadonlyArray<{ x: number; y: number }>, radius = 8): string {
  if (points.length === 0) return "";
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [prev, at, next] = [points[i - 1], points[i], points[i + 1]];
    const into = Math.hypot(at.x - prev.x, at.y - prev.y);
    const out = Math.hypot(next.x - at.x, next.y - at.y);
    const r = Math.min(radius, into / 2, out / 2);
    if (r === 0) {
      d += ` L ${at.x} ${at.y}`;
      continue;
    }
    const before = { x: at.x - ((at.x - prev.x) / into) * r, y: at.y - ((at.y - prev.y) / into) * r };
    const after = { x: at.x + ((next.x - at.x) / out) * r, y: at.y + ((next.y - at.y) / out) * r };
    d += ` L ${before.x} ${before.y} Q ${at.x} ${at.y} ${after.x} ${after.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last.x} ${last.y}`;
}

/** The corner points of a wave-skipping edge: out of the source, along its lane, into the target. */
export function lanePoints(
  source: { x: number; y: number },
  target: { x: number; y: number },
  laneY: number,
  stub = 14,
): Array<{ x: number; y: number }> {
  return [
    source,
    { x: source.x + stub, y: source.y },
    { x: source.x + stub, y: laneY },
    { x: target.x - stub, y: laneY },
    { x: target.x - stub, y: target.y },
    target,
  ];
}
