// The repository's remotes: what a project's "remote" setting may name.
import { runGit } from "./run-git";

/** A remote's name (origin) as opposed to a URL or path git can reach (it has no / or :). */
export function isRemoteName(remote: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(remote) && !remote.startsWith("-");
}

/** The names of the repository's remotes (empty when it has none, or is not a repository). */
export async function listRemotes(repo: string): Promise<string[]> {
  const result = await runGit(repo, ["remote"]);
  return result.exitCode === 0
    ? result.stdout
        .split("\n")
        .map((r) => r.trim())
        .filter(Boolean)
    : [];
}
