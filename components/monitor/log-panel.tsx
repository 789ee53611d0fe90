"use client";
// A package's agent log: fetched by byte offset (never the whole file again), virtualised so
// hundreds of thousands of lines stay smooth, with ANSI colours. A long log opens at its last
// megabyte (what a person reads first), with a button for the earlier output. It follows new
// output while scrolled to the bottom; scrolling up pauses that until "Follow" is pressed.
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
/** A log longer than this opens at its end; the earlier output loads on request. */
const TAIL_BYTES = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function LogPanel({
  runId,
  wpId,
  attempt,
  knownSize,
  attempts = [],
  onAttempt,
}: {
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
  // Bumped when the panel switches to another log: a load still running for the old one stops.
  const generation = useRef(0);
  // Bytes before the loaded part (a long log opened at its end), and whether the first chunk
  // starts mid-line (that partial line is dropped).
  const [skipped, setSkipped] = useState(0);
  const partialFirstLine = useRef(false);
  const latestSize = useRef(knownSize);
  latestSize.current = knownSize;
  const [version, setVersion] = useState(0);
  const [follow, setFollow] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    const mine = generation.current;
    try {
      // Until caught up with the file (a finished package's log gets no later signal to go on).
      for (;;) {
        const chunk = await fetchJson<Chunk>(
          `/api/runs/${runId}/work-packages/${wpId}/log?offset=${offset.current}&attempt=${attempt}`,
        );
        if (generation.current !== mine) return;
        let text = chunk.text;
        if (partialFirstLine.current && text) {
          text = text.slice(text.indexOf("\n") + 1);
          partialFirstLine.current = false;
        }
        if (text) {
          const parts = text.split("\n");
          if (lines.current.length === 0) lines.current.push("");
          lines.current[lines.current.length - 1] += parts[0];
          for (const part of parts.slice(1)) lines.current.push(part);
          setVersion((v) => v + 1);
        }
        offset.current = chunk.nextOffset;
        if (chunk.nextOffset >= chunk.size || !chunk.text) break;
      }
      setError(null);
    } catch (err) {
      if (generation.current === mine) setError((err as Error).message);
    } finally {
      if (generation.current === mine) loading.current = false;
    }
  }, [runId, wpId, attempt]);

  const startOver = useCallback(
    (fromStart: boolean) => {
      generation.current++;
      loading.current = false;
      lines.current = [];
      const size = latestSize.current;
      offset.current = !fromStart && size > TAIL_BYTES ? size - TAIL_BYTES : 0;
      partialFirstLine.current = offset.current > 0;
      setSkipped(offset.current);
      setVersion((v) => v + 1);
      setFollow(true);
      void load();
    },
    [load],
  );

  // A different package or attempt starts over (at the end of a long log).
  useEffect(() => {
    startOver(false);
  }, [startOver]);
  useEffect(() => {
    if (knownSize > offset.current) void load();
  }, [knownSize, load]);

  const count =
    lines.current.length && lines.current[lines.current.length - 1] === ""
      ? lines.current.length - 1
      : lines.current.length;
  // The virtualizer is read fresh on every render; nothing here memoises it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });

  useEffect(() => {
    if (follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [version, follow, count, virtualizer]);

  return (
    <section
      aria-label={`Log of ${wpId}`}
      className="flex flex-col rounded-lg border border-zinc-200 bg-zinc-950 text-zinc-100 dark:border-zinc-800"
    >
      <div className="flex items-center justify-between border-b border-zinc-800 px-3 py-1.5 text-xs text-zinc-400">
        <span className="flex items-center gap-2">
          agent.log ·
          {attempts.length > 1 && onAttempt ? (
            <select
              aria-label={`Attempt whose log to show for ${wpId}`}
              value={attempt}
              onChange={(e) => onAttempt(Number(e.target.value))}
              className="rounded border border-zinc-700 bg-zinc-900 px-1 py-0.5 text-zinc-200"
            >
              {attempts.map((a) => (
                <option key={a.number} value={a.number}>
                  attempt {a.number} · {a.role}
                </option>
              ))}
            </select>
          ) : (
            <span>attempt {attempt}</span>
          )}
          · {skipped > 0 ? "last " : ""}
          <span data-testid="log-line-count">{count}</span> lines
          {skipped > 0 && (
            <button
              type="button"
              onClick={() => startOver(true)}
              className="rounded border border-zinc-700 px-1.5 py-0.5 text-zinc-200 hover:bg-zinc-800"
            >
              Load the earlier {megabytes(skipped)}
            </button>
          )}
        </span>
        {!follow && (
          <button
            type="button"
            onClick={() => setFollow(true)}
            className="rounded bg-indigo-600 px-2 py-0.5 text-white"
          >
            Follow
          </button>
        )}
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
          <p className="p-3 text-zinc-400">{error ?? "No output yet."}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((row) => (
              <div
                key={row.index}
                data-testid="log-line"
                className="absolute left-0 w-full whitespace-pre px-3"
                style={{ top: row.start, height: LINE_HEIGHT }}
              >
                <AnsiLine text={lines.current[row.index]} />
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
