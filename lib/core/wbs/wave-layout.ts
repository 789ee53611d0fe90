// Positions for the dependency graph: one column per wave, packages stacked in id order, so the
// picture matches the run order. (Waves already fix the columns, which is all a layered layout
// library would compute here.)
import type { WavePlan } from "./waves";

export interface NodePosition {
  id: string;
  x: number;
  y: number;
  wave: number | null;
}

export function waveLayout(plan: WavePlan, spacing = { column: 260, row: 110 }): NodePosition[] {
  const positions: NodePosition[] = [];
  plan.waves.forEach((wave, column) =>
    wave.forEach((id, row) =>
      positions.push({ id, x: column * spacing.column, y: row * spacing.row, wave: column + 1 }),
    ),
  );
  // Packages that cannot start (a loop) sit in a column of their own at the end.
  plan.unplaced.forEach((id, row) =>
    positions.push({ id, x: plan.waves.length * spacing.column, y: row * spacing.row, wave: null }),
  );
  return positions;
}
