// A compact view of a repository's files for a prompt: folders with their file counts, and the
// files of small folders, within a line budget.

export function compactFileTree(files: readonly string[], maxLines = 200): string {
  const byDir = new Map<string, string[]>();
  for (const file of [...files].sort()) {
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : ".";
    byDir.set(dir, [...(byDir.get(dir) ?? []), file.slice(file.lastIndexOf("/") + 1)]);
  }
  const lines: string[] = [];
  for (const [dir, names] of byDir) {
    if (lines.length >= maxLines) {
      lines.push(`… and ${byDir.size - lines.length} more folders`);
      break;
    }
    lines.push(
      names.length <= 8
        ? `${dir}/: ${names.join(", ")}`
        : `${dir}/: ${names.slice(0, 6).join(", ")} and ${names.length - 6} more`,
    );
  }
  return lines.join("\n");
}
