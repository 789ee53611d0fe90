// Serialises git operations on one repository within this process: worktree metadata and the
// index are shared, and git refuses concurrent writers with "index.lock exists". The locks live
// on globalThis because Next.js bundles route handlers and instrumentation separately: a
// module-level map would give each bundle its own locks, and two "ensure worktree" steps race.
type Chains = Map<string, Promise<unknown>>;
const holder = globalThis as typeof globalThis & { __flotillaRepoLocks?: Chains };

export function withRepoLock<T>(repo: string, work: () => Promise<T>): Promise<T> {
  const chains = (holder.__flotillaRepoLocks ??= new Map());
  const previous = chains.get(repo) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  chains.set(repo, next);
  void next
    .finally(() => {
      if (chains.get(repo) === next) chains.delete(repo);
    })
    .catch(() => undefined);
  return next;
}
