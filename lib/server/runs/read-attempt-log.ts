// The one reader of an attempt's agent log by byte offset: its file in the attempt folder (a
// local worker's, or the pieces this orchestrator mirrored from a runner host), else, for an
// attempt a runner host runs and this machine holds no copy of (a dashboard on another machine
// of the team's database), the pieces in AttemptLog.
import { existsSync } from "node:fs";
import path from "node:path";
import { LOG_CHUNK_BYTES } from "@/lib/core/runners/attempt-job";
import type { Database } from "@/lib/server/db/client";
import { MAX_LOG_CHUNK, readLogChunk, safeChunkEnd, type LogChunk } from "./read-log-chunk";

interface AttemptLogRef {
  id: string;
  remote: boolean;
  logPath: string | null;
  dir: string | null;
}

/** Bytes of a runner host's agent log in AttemptLog so far. */
export const shippedLogSize = (db: Database, attemptId: string) => shippedSize(db, attemptId, "agent.log");

/** Bytes of one of a runner host's streams in AttemptLog so far. */
export async function shippedSize(db: Database, attemptId: string, stream: string): Promise<number> {
  // The size alone (length() reads a blob's and a bytea's length in both databases), not the bytes.
  const rows = await db.$queryRaw<Array<{ size: number | bigint }>>`
    SELECT "offset" + length("bytes") AS size FROM "AttemptLog"
    WHERE "attemptId" = ${attemptId} AND "stream" = ${stream} ORDER BY "offset" DESC LIMIT 1`;
  return rows.length > 0 ? Number(rows[0].size) : 0;
}

async function readPieces(db: Database, attemptId: string, offset: number): Promise<LogChunk> {
  const size = await shippedLogSize(db, attemptId);
  const start = Math.min(Math.max(0, offset), size);
  if (start === size) return { text: "", offset: start, nextOffset: start, size };
  const pieces = await db.attemptLog.findMany({
    where: { attemptId, stream: "agent.log", offset: { gte: start - LOG_CHUNK_BYTES, lt: start + MAX_LOG_CHUNK } },
    orderBy: { offset: "asc" },
    select: { offset: true, bytes: true },
  });
  const parts: Buffer[] = [];
  let at = start;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece.bytes);
    const end = piece.offset + bytes.length;
    if (end <= at || piece.offset > at) continue;
    parts.push(bytes.subarray(at - piece.offset));
    at = end;
  }
  const buffer = Buffer.concat(parts).subarray(0, MAX_LOG_CHUNK);
  const cut = safeChunkEnd(buffer, false) || buffer.length;
  return { text: buffer.subarray(0, cut).toString("utf8"), offset: start, nextOffset: start + cut, size };
}

export async function readAttemptLog(db: Database, attempt: AttemptLogRef, offset: number): Promise<LogChunk> {
  const file = attempt.logPath ?? (attempt.dir ? path.join(attempt.dir, "agent.log") : null);
  if (file && (existsSync(file) || !attempt.remote)) return readLogChunk(file, offset);
  if (attempt.remote) return readPieces(db, attempt.id, offset);
  return { text: "", offset, nextOffset: offset, size: 0 };
}
