// The forges' own command lines, gh (GitHub) and glab (GitLab), found on the user's PATH: are
// they signed in, is there already an open pull request for a branch, and opening one. Every
// call is an argument array with a timeout, run in the repository's top level; the body goes
// through a file (gh) or one argument (glab), never a shell.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import type { ForgeTool, PullRequest } from "@/lib/core/delivery/delivery-record";
import type { ForgeRemote } from "@/lib/core/delivery/remote-url";
import { agentSearchPath } from "@/lib/node/agents/agent-path";
import { findOnPath } from "@/lib/node/agents/agent-availability";
import { gitEnvironment } from "@/lib/node/git/run-git";

const TIMEOUT_MS = 60_000;

export interface ForgeCall {
  /** The program's absolute path (findForgeCli). */
  file: string;
  tool: ForgeTool;
  remote: ForgeRemote;
  /** The repository's top level. */
  cwd: string;
}

interface Ran {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The forge tool for a remote's forge: gh for GitHub, glab for GitLab, none for the rest. */
export function forgeToolFor(remote: ForgeRemote | null): ForgeTool | null {
  return remote?.forge === "github" ? "gh" : remote?.forge === "gitlab" ? "glab" : null;
}

/** Where `tool` is installed on the user's PATH, or null. */
export function findForgeCli(tool: ForgeTool): string | null {
  return findOnPath(tool, agentSearchPath());
}

async function run(call: ForgeCall, args: string[]): Promise<Ran> {
  const env = {
    ...gitEnvironment(process.env),
    PATH: agentSearchPath(),
    GH_PROMPT_DISABLED: "1",
    GH_NO_UPDATE_NOTIFIER: "1",
    GLAB_CHECK_UPDATE: "false",
    NO_PROMPT: "1",
    NO_COLOR: "1",
  };
  const result = await execa(call.file, args, {
    cwd: call.cwd,
    env,
    extendEnv: false,
    reject: false,
    timeout: TIMEOUT_MS,
    stdin: "ignore",
    maxBuffer: 10_000_000,
  });
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? "") || (result.timedOut ? `${call.tool} gave no answer within 60 s` : ""),
    timedOut: Boolean(result.timedOut),
  };
}

/** gh's --repo (HOST/OWNER/REPO) or glab's (the project's URL). */
const repoArg = (remote: ForgeRemote) =>
  remote.forge === "github" ? `${remote.host}/${remote.path}` : `https://${remote.host}/${remote.path}`;

/** Is the tool signed in to the remote's host? Its own words when not. */
export async function forgeSignedIn(call: ForgeCall): Promise<{ ok: boolean; said: string }> {
  const result = await run(call, ["auth", "status", "--hostname", call.remote.host]);
  return { ok: result.exitCode === 0, said: `${result.stderr}\n${result.stdout}`.trim() };
}

const lastUrl = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]).pop() ?? null;
const numberOf = (url: string) => Number(/\/(?:pull|merge_requests)\/(\d+)/.exec(url)?.[1]) || null;

/** The open pull (merge) request from `branch`, if there is one. */
export async function findOpenPullRequest(call: ForgeCall, branch: string): Promise<PullRequest | null> {
  const args =
    call.tool === "gh"
      ? ["pr", "list", "--repo", repoArg(call.remote), "--head", branch, "--state", "open", "--json", "url,number"]
      : ["mr", "list", "--repo", repoArg(call.remote), "--source-branch", branch, "--output", "json"];
  const result = await run(call, args);
  if (result.exitCode !== 0) return null;
  try {
    const list = JSON.parse(result.stdout || "[]") as Array<{
      url?: string;
      web_url?: string;
      number?: number;
      iid?: number;
    }>;
    const first = Array.isArray(list) ? list.find((p) => typeof (p.url ?? p.web_url) === "string") : undefined;
    if (!first) return null;
    const url = (first.url ?? first.web_url)!;
    return { url, number: first.number ?? first.iid ?? numberOf(url), tool: call.tool, reused: true };
  } catch {
    return null;
  }
}

export type OpenResult = { ok: true; pullRequest: PullRequest } | { ok: false; said: string };

/** Opens a pull (merge) request from `branch` into `base`; its URL is the last one the tool prints. */
export async function openPullRequest(
  call: ForgeCall,
  pr: { base: string; branch: string; title: string; body: string },
): Promise<OpenResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "flotilla-pr-"));
  try {
    let args: string[];
    if (call.tool === "gh") {
      const bodyFile = path.join(dir, "body.md");
      await writeFile(bodyFile, pr.body, { mode: 0o600 });
      args = ["pr", "create", "--repo", repoArg(call.remote), "--base", pr.base, "--head", pr.branch];
      args.push("--title", pr.title, "--body-file", bodyFile);
    } else {
      args = ["mr", "create", "--repo", repoArg(call.remote), "--source-branch", pr.branch];
      args.push("--target-branch", pr.base, "--title", pr.title, "--description", pr.body, "--yes");
    }
    const result = await run(call, args);
    const url = result.exitCode === 0 ? lastUrl(result.stdout) : null;
    if (!url) return { ok: false, said: `${result.stderr}\n${result.stdout}`.trim() };
    return { ok: true, pullRequest: { url, number: numberOf(url), tool: call.tool, reused: false } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
