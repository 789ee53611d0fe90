// What a refused `git push` means for a person, from git's own words: each case says what to
// change. The text has been masked (credentials, secrets) before it gets here.

export interface PushFailureContext {
  /** The remote as the project names it. */
  remote: string;
  branch: string;
  /** Whether the remote is the default (the project names none). */
  isDefault: boolean;
}

/** git's first meaningful lines, without its hints. */
export function gitSaid(stderr: string, max = 400): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^hint:/i.test(l) && !/^To /.test(l));
  const text = lines.join(" ").replace(/\s+/g, " ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const SETTINGS = "choose another remote in the project's Settings";

/** A sentence for a failed push, saying what to change. */
export function describePushFailure(stderr: string, ctx: PushFailureContext): string {
  const said = gitSaid(stderr);
  const where = `The remote "${ctx.remote}"`;
  if (/non-fast-forward|fetch first|\[rejected\]|stale info|updates were rejected/i.test(stderr))
    return `${where} refused the push: its ${ctx.branch} has commits this branch does not (${said}). Pull them into ${ctx.branch} (git pull ${ctx.remote} ${ctx.branch}) or delete that branch on the remote, or ${SETTINGS}.`;
  if (/protected branch|pre-receive hook declined|remote rejected/i.test(stderr))
    return `${where} rejected ${ctx.branch} (${said}). Allow pushing this branch on the remote, or ${SETTINGS}.`;
  if (
    /authentication failed|could not read (username|password)|permission denied|access denied|403|401|terminal prompts disabled/i.test(
      stderr,
    )
  )
    return `${where} did not accept your credentials (${said}). Sign in to it as git does outside Flotilla (a credential helper or an ssh key), or ${SETTINGS}.`;
  if (
    /does not appear to be a git repository|repository not found|could not resolve host|no such file or directory|not found|unable to access|connection (refused|timed out)/i.test(
      stderr,
    )
  )
    return `${where} cannot be reached (${said}). Check its URL (git remote -v), or ${SETTINGS}.`;
  return `${where} refused the push (${said || "git said nothing"}). Fix what git says, or ${SETTINGS}.`;
}

/** A sentence for a project whose remote does not exist in the repository. */
export function describeMissingRemote(remote: string, isDefault: boolean, repo: string, remotes: string[]): string {
  const have = remotes.length > 0 ? ` It has: ${remotes.join(", ")}.` : " It has none.";
  return isDefault
    ? `This repository has no remote called "${remote}" to push to.${have} Add one (git -C ${repo} remote add origin <url>), or set the remote (a name or a URL) in the project's Settings.`
    : `The project's remote "${remote}" does not exist in this repository.${have} Add it (git -C ${repo} remote add ${remote} <url>), or choose another remote in the project's Settings.`;
}
