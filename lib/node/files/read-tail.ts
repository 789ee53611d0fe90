// Reads the end of a (possibly huge) file without loading it whole.
import { open, stat } from "node:fs/promises";

export async function readTail(file: string, maxBytes = 8192, maxLines = 40): Promise<string | null> {
  try {
    const { size } = await stat(file);
    const start = Math.max(0, size - maxBytes);
    const handle = await open(file, "r");
    try {
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString("utf8").split("\n");
      if (start > 0) lines.shift(); // a partial first line
      return lines.slice(-maxLines).join("\n").trimEnd();
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** The first `maxBytes` of a file as text (null when it does not exist). */
export async function readHead(file: string, maxBytes = 2000): Promise<string | null> {
  try {
    const handle = await open(file, "r");
    try {
      const buffer = Buffer.alloc(maxBytes);
      const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
      return buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

export async function fileSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}
