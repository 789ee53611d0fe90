// Reads what a running agent has spent so far from its output.md, incrementally: each call reads
// only the bytes written since the last one (per file, kept in this process), so the engine's
// tick and the monitor can ask often.
import { open, stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import {
  accumulateUsage,
  emptyUsage,
  type LiveUsage,
  type UsageLine,
  type UsageState,
} from "@/lib/core/agents/live-usage";

interface Cursor {
  offset: number;
  /** The unfinished last line. */
  partial: string;
  /** Keeps a character split between two reads whole. */
  decoder: StringDecoder;
  state: UsageState;
}

const cursors = new Map<string, Cursor>();
/** Bytes read per call at most: a flood of output catches up over several calls. */
const CHUNK = 4 * 1024 * 1024;

export async function readLiveUsage(
  file: string,
  usageOfLine: (line: string) => UsageLine | null,
): Promise<LiveUsage | null> {
  const size = await stat(file).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) return null;
  let cursor = cursors.get(file);
  // A file that shrank was started over (the same folder reused): count from the start.
  if (!cursor || size < cursor.offset)
    cursor = { offset: 0, partial: "", decoder: new StringDecoder("utf8"), state: emptyUsage() };
  if (size > cursor.offset) {
    const handle = await open(file, "r");
    try {
      const length = Math.min(CHUNK, size - cursor.offset);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, cursor.offset);
      const text = cursor.partial + cursor.decoder.write(buffer.subarray(0, bytesRead));
      const lines = text.split("\n");
      const partial = lines.pop() ?? "";
      cursor = {
        ...cursor,
        offset: cursor.offset + bytesRead,
        // A line longer than a chunk is not usage: drop it rather than grow without bound.
        partial: partial.length > CHUNK ? "" : partial,
        state: accumulateUsage(cursor.state, lines, usageOfLine),
      };
    } finally {
      await handle.close();
    }
  }
  cursors.set(file, cursor);
  // Bounded: the oldest files (attempts long finished) are forgotten first.
  if (cursors.size > 2000) cursors.delete(cursors.keys().next().value!);
  const { inputTokens, outputTokens, costUsd } = cursor.state;
  return { inputTokens, outputTokens, costUsd };
}
