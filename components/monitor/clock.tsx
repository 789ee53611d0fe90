"use client";
// Live time: elapsed since a start, or a countdown to a moment. Fixed width, no layout jumps.
// The server's and the browser's "now" differ by the time the page took to arrive, so the text
// may differ at hydration: React is told so (suppressHydrationWarning), and the next tick fixes it.
import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/core/run/format-duration";

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function Elapsed({ from, to }: { from: string | null; to: string | null }) {
  const now = useNow(from !== null && to === null);
  if (!from) return <span className="tabular-nums">–</span>;
  const end = to ? Date.parse(to) : now;
  return (
    <span className="tabular-nums" suppressHydrationWarning>
      {formatDuration(end - Date.parse(from))}
    </span>
  );
}

export function Countdown({ until }: { until: string }) {
  const now = useNow(true);
  const seconds = Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
  return (
    <span className="tabular-nums" suppressHydrationWarning>
      {seconds} s
    </span>
  );
}
