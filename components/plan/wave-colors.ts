// One colour per wave, shared by the graph and the table (the wave number is always written too).
const COLORS = [
  "#6366f1",
  "#0ea5e9",
  "#10b981",
  "#f59e0b",
  "#ec4899",
  "#8b5cf6",
  "#14b8a6",
  "#f97316",
  "#84cc16",
  "#ef4444",
];

export const waveColor = (wave: number | null | undefined) => (wave ? COLORS[(wave - 1) % COLORS.length] : "#a1a1aa");
