// Copies the project's "files to copy" (e.g. .env) from the user's checkout into a worktree.
// Paths must stay inside the repository: no absolute paths, no "..", no symlinks leading out.
import { copyFile, mkdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

export class CopyFileError extends Error {}

export async function copyIntoWorktree(repo: string, worktree: string, files: readonly string[]): Promise<void> {
  const repoReal = await realpath(repo);
  for (const relative of files) {
    if (!relative || path.isAbsolute(relative) || relative.split(/[\\/]/).includes("..") || relative.includes("\0")) {
      throw new CopyFileError(
        `Files to copy: "${relative}" must be a path inside the repository, such as .env or config/local.json`,
      );
    }
    const source = path.join(repo, relative);
    let real: string;
    try {
      real = await realpath(source);
    } catch {
      throw new CopyFileError(`Files to copy: ${relative} does not exist in ${repo}`);
    }
    if (real !== repoReal && !real.startsWith(repoReal + path.sep))
      throw new CopyFileError(`Files to copy: ${relative} leads outside the repository`);
    if (!(await stat(real)).isFile()) throw new CopyFileError(`Files to copy: ${relative} is not a file`);
    const target = path.join(worktree, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(real, target);
  }
}
