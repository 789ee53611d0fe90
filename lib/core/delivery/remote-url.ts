// Remote URLs as git writes them (https, ssh://, scp-like git@host:owner/repo.git): which forge
// hosts them, the page where a pull request is opened by hand, and the same URL with any
// credentials masked before it is shown or stored.
import { MASK } from "../security/secrets";

export type Forge = "github" | "gitlab" | "bitbucket";

export interface ForgeRemote {
  forge: Forge;
  /** The web host (github.com, gitlab.example.com). */
  host: string;
  /** owner/repo, or group/subgroup/repo on GitLab. */
  path: string;
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** Host and repository path of a remote URL, or null for a local path or anything unrecognised. */
function hostAndPath(remoteUrl: string): { host: string; path: string } | null {
  const url = remoteUrl.trim();
  const scheme = /^(https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?\/(.+)$/i.exec(url);
  if (scheme) return { host: scheme[2].toLowerCase(), path: scheme[3] };
  // scp-like: [user@]host:path (no scheme, the host without a slash, the path not absolute).
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/)(.+)$/.exec(url);
  if (scp && !url.includes("://")) return { host: scp[1].toLowerCase(), path: scp[2] };
  return null;
}

function forgeOfHost(host: string): { forge: Forge; host: string } | null {
  const bare = host.replace(/^www\./, "");
  if (bare === "github.com" || bare === "ssh.github.com") return { forge: "github", host: "github.com" };
  if (bare === "gitlab.com" || bare === "altssh.gitlab.com") return { forge: "gitlab", host: "gitlab.com" };
  if (bare === "bitbucket.org" || bare === "altssh.bitbucket.org") return { forge: "bitbucket", host: "bitbucket.org" };
  // Self-hosted: GitHub Enterprise or GitLab under their usual host names.
  if (/^github\.[a-z0-9.-]+$/.test(bare)) return { forge: "github", host: bare };
  if (/^gitlab\.[a-z0-9.-]+$/.test(bare)) return { forge: "gitlab", host: bare };
  return null;
}

/** The forge a remote URL points at, with its repository path; null for anything else. */
export function parseForgeRemote(remoteUrl: string | null | undefined): ForgeRemote | null {
  if (!remoteUrl) return null;
  const found = hostAndPath(remoteUrl);
  if (!found) return null;
  const forge = forgeOfHost(found.host);
  if (!forge) return null;
  const segments = found.path
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .split("/")
    .filter(Boolean);
  if (segments.length < 2 || !segments.every((s) => SEGMENT.test(s) && s !== "." && s !== "..")) return null;
  // GitHub and Bitbucket repositories are owner/repo; GitLab nests groups.
  if (forge.forge !== "gitlab" && segments.length !== 2) return null;
  return { forge: forge.forge, host: forge.host, path: segments.join("/") };
}

const encodeRef = (ref: string) => ref.split("/").map(encodeURIComponent).join("/");
const query = (pairs: Array<[string, string]>) =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");

/** The page where a person opens a pull (merge) request from `branch` into `base`, or null. */
export function compareUrl(remoteUrl: string | null | undefined, base: string, branch: string): string | null {
  const remote = parseForgeRemote(remoteUrl);
  if (!remote) return null;
  const web = `https://${remote.host}/${remote.path}`;
  switch (remote.forge) {
    case "github":
      return `${web}/compare/${encodeRef(base)}...${encodeRef(branch)}?expand=1`;
    case "gitlab":
      return `${web}/-/merge_requests/new?${query([
        ["merge_request[source_branch]", branch],
        ["merge_request[target_branch]", base],
      ])}`;
    case "bitbucket":
      return `${web}/pull-requests/new?${query([
        ["source", branch],
        ["dest", base],
      ])}`;
  }
}

/**
 * Masks credentials written into URLs anywhere in `text` (https://user:token@host → https://••••••@host).
 * An ssh:// user name (git@) is not a secret and stays.
 */
export function maskUrlCredentials(text: string): string;
export function maskUrlCredentials(text: string | null): string | null;
export function maskUrlCredentials(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@]+)@/gi, (whole, scheme: string, userinfo: string) =>
    /^ssh/i.test(scheme) && !userinfo.includes(":") ? whole : `${scheme}${MASK}@`,
  );
}
