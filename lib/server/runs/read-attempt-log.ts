// The one reader of an attempt's agent log by byte offset: its file in the attempt folder (a
// local worker's, or the pieces this orchestrator mirrored from a runner host), else, for an
// attempt a runner host runs and this machine holds no copy of (a dashboard on another machine
// of the team's database), the pieces in AttemptLog.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/server/db/client";
import { MAX_LOG_CHUNK, readLogChunk, safeChunkEnd, type LogChunk } from "./read-log-chunk";

interface AttemptLogRef {
  id: string;
  remote: boolean;
  logPath: string | null;
  dir: string | null;
}

async function readPieces(db: Database, attemptId: string, offset: number): Promise<LogChunk> {
  const last = await db.attemptLog.findFirst({
    where: { attemptId, stream: "agent.log" },
    orderBy: { offset: "desc" },
    select: { offset: true, bytes: true },
  });
  const size = last ? last.offset + Buffer.from(last.bytes).length : 0;
  const start = Math.min(Math.max(0, offset), size);
  if (start === size) return { text: "", offset: start, nextOffset: start, size };
  const pieces = await db.attemptLog.findMany({
    where: { attemptId, stream: "agent.log", offset: { lt: start + MAX_LOG_CHUNK } },
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
