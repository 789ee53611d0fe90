// What the planners learn about a repository: its tracked files, and the notes agents read
// (README, .octo/STATE.md, .octo/PROJECT.md, CLAUDE.md, AGENTS.md), read-only.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { trackedFiles as listTrackedFiles } from "../git/git-ops";

const DOCUMENTS = ["README.md", "README", "readme.md", ".octo/STATE.md", ".octo/PROJECT.md", "CLAUDE.md", "AGENTS.md"];
const MAX_DOCUMENT_CHARS = 6_000;
const MAX_FILES = 20_000;

export async function trackedFiles(repo: string): Promise<string[]> {
  return (await listTrackedFiles(repo).catch(() => [])).slice(0, MAX_FILES);
}

export async function contextDocuments(
  repo: string,
  files: readonly string[],
): Promise<Array<{ name: string; text: string }>> {
  const present = new Set(files);
  const docs: Array<{ name: string; text: string }> = [];
  let readmeSeen = false;
  for (const name of DOCUMENTS) {
    const isReadme = name.toLowerCase().startsWith("readme");
    if (isReadme && readmeSeen) continue;
    if (!present.has(name)) continue;
    try {
      const text = await readFile(path.join(/*turbopackIgnore: true*/ repo, name), "utf8");
      docs.push({ name, text: text.length > MAX_DOCUMENT_CHARS ? `${text.slice(0, MAX_DOCUMENT_CHARS)}\n…` : text });
      if (isReadme) readmeSeen = true;
    } catch {
      // listed but unreadable: skip it
    }
  }
  return docs;
}
