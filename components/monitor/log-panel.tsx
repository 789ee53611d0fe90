"use client";
// A package's agent log: fetched by byte offset (never the whole file again), virtualised so
// hundreds of thousands of lines stay smooth, with ANSI colours. It follows new output while
// scrolled to the bottom; scrolling up pauses that until "Follow" is pressed.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { AnsiLine } from "./ansi-line";

interface Chunk {
  text: string;
  nextOffset: number;
  size: number;
  attempt: number | null;
}

const LINE_HEIGHT = 18;

export function LogPanel({ runId, wpId, attempt, knownSize, attempts = [], onAttempt }: {
  runId: string;
  wpId: string;
  attempt: number;
  knownSize: number;
  /** Every attempt (implementation, reviewers, fixes), to pick whose log to read. */
  attempts?: Array<{ number: number; role: string }>;
  onAttempt?: (number: number) => void;
}) {
  const lines = useRef<string[]>([]);
  const offset = useRef(0);
  const loading = useRef(false);
  const [version, setVersion] = useState(0);
  const [follow, setFollow] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      for (let round = 0; round < 20; round++) {
        const chunk = await fetchJson<Chunk>(`/api/runs/${runId}/work-packages/${wpId}/log?offset=${offset.current}&attempt=${attempt}`);
        if (chunk.text) {
          const parts = chunk.text.split("\n");
          if (lines.current.length === 0) lines.current.push("");
          lines.current[lines.current.length - 1] += parts[0];
          for (const part of parts.slice(1)) lines.current.push(part);
          offset.current = chunk.nextOffset;
          setVersion((v) => v + 1);
        }
        if (chunk.nextOffset >= chunk.size || !chunk.text) break;
      }
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      loading.current = false;
    }
  }, [runId, wpId, attempt]);

  // A different package or attempt starts over.
  useEffect(() => {
    lines.current = [];
    offset.current = 0;
    setVersion((v) => v + 1);
    setFollow(true);
    void load();
  }, [load]);
  useEffect(() => {
    if (knownSize > offset.current) void load();
  }, [knownSize, load]);

  const count = lines.current.length && lines.current[lines.current.length - 1] === "" ? lines.current.length - 1 : lines.current.length;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => LINE_HEIGHT, overscan: 30 });

  useEffect(() => {
    if (follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [version, follow, count, virtualizer]);

  return (
    <section aria-label={`Log of ${wpId}`} className="flex flex-col rounded-lg border border-zinc-200 bg-zinc-950 text-zinc-100 dark:border-zinc-800">
      <div className="flex items-center justify-between border-b border-zinc-800 px-3 py-1.5 text-xs text-zinc-400">
        <span className="flex items-center gap-2">
          agent.log ·
          {attempts.length > 1 && onAttempt ? (
            <select aria-label={`Attempt whose log to show for ${wpId}`} value={attempt} onChange={(e) => onAttempt(Number(e.target.value))} className="rounded border border-zinc-700 bg-zinc-900 px-1 py-0.5 text-zinc-200">
              {attempts.map((a) => <option key={a.number} value={a.number}>attempt {a.number} · {a.role}</option>)}
            </select>
          ) : (
            <span>attempt {attempt}</span>
          )}
          · <span data-testid="log-line-count">{count}</span> lines
        </span>
        {!follow && <button type="button" onClick={() => setFollow(true)} className="rounded bg-indigo-600 px-2 py-0.5 text-white">Follow</button>}
      </div>
      <div
        ref={scroller}
        data-testid="log-scroller"
        tabIndex={0}
        aria-label="Log output"
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 2;
          if (atBottom !== follow) setFollow(atBottom);
        }}
        className="h-80 overflow-auto font-mono text-xs leading-[18px]"
      >
        {count === 0 ? (
          <p className="p-3 text-zinc-500">{error ?? "No output yet."}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((row) => (
              <div key={row.index} data-testid="log-line" className="absolute left-0 w-full whitespace-pre px-3" style={{ top: row.start, height: LINE_HEIGHT }}>
                <AnsiLine text={lines.current[row.index]} />
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
