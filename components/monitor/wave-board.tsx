"use client";
// The run's waves as columns, each package a card.
import type { RunState } from "@/lib/server/runs/get-run-state";
import { waveColor } from "@/components/plan/wave-colors";
import { PackageCard } from "./package-card";

export function WaveBoard({
  state,
  selected,
  onSelect,
}: {
  state: RunState;
  selected: string | null;
  onSelect: (wpId: string) => void;
}) {
  const byId = new Map(state.packages.map((p) => [p.wpId, p]));
  return (
    <div
      className="grid min-w-0 max-w-full auto-cols-[minmax(15rem,22rem)] grid-flow-col gap-4 overflow-x-auto pb-2"
      aria-label="Waves"
    >
      {state.waves.map((wave, i) => {
        const done = wave.filter((id) => byId.get(id)?.status === "merged").length;
        return (
          <section key={i} aria-label={`Wave ${i + 1}`} className="flex flex-col gap-2">
            <h3 className="flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: waveColor(i + 1) }} />
              Wave {i + 1}{" "}
              <span className="font-normal normal-case tracking-normal">
                · {done}/{wave.length} merged
              </span>
            </h3>
            {wave.map((id) => (
              <PackageCard key={id} pkg={byId.get(id)!} selected={selected === id} onSelect={onSelect} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
