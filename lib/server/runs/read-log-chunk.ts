// Serves an agent log by byte offset, never the whole file: a chunk ends at a line break (or a
// whole UTF-8 character) so it decodes cleanly, and the client asks again from nextOffset.
import { open, stat } from "node:fs/promises";

export const MAX_LOG_CHUNK = 512 * 1024;

/** Where a chunk may end: after the last newline, else before an incomplete UTF-8 sequence. */
export function safeChunkEnd(bytes: Uint8Array, isEndOfFile: boolean): number {
  if (isEndOfFile) return bytes.length;
  const newline = bytes.lastIndexOf(0x0a);
  if (newline >= 0) return newline + 1;
  let end = bytes.length;
  // Step back over continuation bytes (10xxxxxx) to the start of the last character.
  let i = end - 1;
  while (i >= 0 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i >= 0 && bytes[i] >= 0xc0) end = i;
  return end;
}

export interface LogChunk {
  text: string;
  offset: number;
  nextOffset: number;
  size: number;
}

export async function readLogChunk(file: string, offset: number): Promise<LogChunk> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { text: "", offset, nextOffset: offset, size: 0 };
  }
  const start = Math.min(Math.max(0, offset), size);
  const length = Math.min(MAX_LOG_CHUNK, size - start);
  if (length === 0) return { text: "", offset: start, nextOffset: start, size };
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, start);
    // A partial last line of a log still being written waits for its newline.
    const end = safeChunkEnd(buffer, false) || length;
    return { text: buffer.subarray(0, end).toString("utf8"), offset: start, nextOffset: start + end, size };
  } finally {
    await handle.close();
  }
}
