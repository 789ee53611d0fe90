// Files the repository's own history changes together with a folder: in at least `minShare` of
// the (at least `minCommits`) commits touching the folder, a file elsewhere changed too. Commits
// touching very many files (mass renames, formatting) say nothing about coupling and are skipped.
const dirOf = (file: string) => (file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "");
const inside = (file: string, folder: string) => folder === "" || file.startsWith(`${folder}/`);

export type CoChangeIndex = Record<string, string[]>;

export function coChangeIndex(
  history: ReadonlyArray<readonly string[]>,
  { minCommits = 3, minShare = 0.5, maxFilesPerCommit = 40 } = {},
): CoChangeIndex {
  const folderCommits = new Map<string, number>();
  const together = new Map<string, Map<string, number>>();
  for (const files of history) {
    if (files.length > maxFilesPerCommit) continue;
    const folders = new Set(files.map(dirOf).filter((d) => d !== ""));
    for (const folder of folders) {
      folderCommits.set(folder, (folderCommits.get(folder) ?? 0) + 1);
      const counts = together.get(folder) ?? new Map<string, number>();
      for (const file of new Set(files)) if (!inside(file, folder)) counts.set(file, (counts.get(file) ?? 0) + 1);
      together.set(folder, counts);
    }
  }
  const index: CoChangeIndex = {};
  for (const [folder, commits] of folderCommits) {
    if (commits < minCommits) continue;
    const files = [...(together.get(folder) ?? [])]
      .filter(([, n]) => n / commits >= minShare)
      .map(([file]) => file)
      .sort();
    if (files.length > 0) index[folder] = files;
  }
  return index;
}
