// Serialises git operations on one repository within this process: worktree metadata and the
// index are shared, and git refuses concurrent writers with "index.lock exists".
const chains = new Map<string, Promise<unknown>>();

export function withRepoLock<T>(repo: string, work: () => Promise<T>): Promise<T> {
  const previous = chains.get(repo) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  chains.set(repo, next);
  void next.finally(() => {
    if (chains.get(repo) === next) chains.delete(repo);
  }).catch(() => undefined);
  return next;
}
