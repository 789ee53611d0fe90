// Delivers a completed run: pushes its feature branch to the project's remote, then (with `pr`)
// opens a pull request through gh or glab with the run's report as its body, or leaves the
// forge's compare page when neither can. The outcome is stored on the run (Run.delivery) and
// in the event log; a failure is stored as lastError and thrown as a DeliveryFailedError whose
// message says what to change. Repeating is safe: an unchanged branch pushes as a no-op and an
// open pull request is found and reused.
import {
  parseDelivery,
  withStep,
  type DeliveryRecord,
  type ForgeTool,
  type PullRequest,
} from "@/lib/core/delivery/delivery-record";
import { describeMissingRemote, describePushFailure, gitSaid } from "@/lib/core/delivery/push-failure";
import { pullRequestBody, pullRequestTitle } from "@/lib/core/delivery/pull-request-text";
import { compareUrl, maskUrlCredentials, parseForgeRemote } from "@/lib/core/delivery/remote-url";
import { renderReportMarkdown } from "@/lib/core/run/report";
import {
  findForgeCli,
  findOpenPullRequest,
  forgeSignedIn,
  forgeToolFor,
  openPullRequest,
  type ForgeCall,
} from "@/lib/node/delivery/forge-cli";
import { resolveCommit } from "@/lib/node/git/git-ops";
import { isRemoteName, listRemotes, pushBranch, remoteUrlOf, repositoryTopLevel } from "@/lib/node/git/remote-ops";
import { maskText } from "@/lib/node/secrets";
import type { Database } from "@/lib/server/db/client";
import { UserError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { buildRunReport } from "@/lib/server/engine/read-models/build-run-report";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

export interface DeliverOptions {
  /** Push the feature branch (implied by pr). */
  push?: boolean;
  /** Open a pull request (or give the compare page). */
  pr?: boolean;
  /** Started by the project's "When a run completes" setting. */
  auto?: boolean;
}

/** The push or the pull request failed; the record (with lastError) is stored already. */
export class DeliveryFailedError extends UserError {
  constructor(
    message: string,
    readonly delivery: DeliveryRecord,
  ) {
    super(message, "conflict", {}, { delivery });
    this.name = "DeliveryFailedError";
  }
}

// What to do before a run that is not completed can be delivered.
const notDoneYet = (status: string, runId: string) =>
  ({
    failed: "retry what did not merge on the Monitor tab first",
    cancelled: `resume it (npx flotilla resume --run ${runId}) and let it finish first`,
    draft: "plan and launch it first",
    planned: "launch it and let it finish first",
  })[status] ?? "let it finish first";

const FORGE_NAMES: Record<ForgeTool, string> = { gh: "GitHub", glab: "GitLab" };
const mask = (text: string) => maskUrlCredentials(maskText(text));

// One delivery of a run at a time in this process (a double click must not open two pull requests).
const running = new Map<string, Promise<unknown>>();

export async function deliverRun(db: Database, runId: string, options: DeliverOptions): Promise<DeliveryRecord> {
  const pr = options.pr === true;
  const push = options.push === true || pr;
  if (!push)
    throw new UserError(
      "Say what to deliver: push (the feature branch), pr (a pull request, which pushes first), or both",
    );
  const before = running.get(runId) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => deliver(db, runId, pr, options.auto === true));
  running.set(runId, mine);
  try {
    return await mine;
  } finally {
    if (running.get(runId) === mine) running.delete(runId);
  }
}

async function deliver(db: Database, runId: string, pr: boolean, auto: boolean): Promise<DeliveryRecord> {
  const { run, options } = await loadRunSnapshot(db, runId);
  if (run.status !== "completed" || !run.featureBranch)
    throw new UserError(
      `Only a completed run can be delivered, and this one is ${run.status}: ${notDoneYet(run.status, runId)}`,
      "conflict",
    );
  const repo = run.project.repoPath;
  const branch = run.featureBranch;
  const base = options.baseBranch;
  const remote = run.project.remote ?? "origin";
  const isDefault = run.project.remote === null;
  const shownRemote = mask(remote);
  let record: DeliveryRecord = { ...parseDelivery(run.delivery), remote: shownRemote, branch };
  const now = () => new Date().toISOString();

  const save = async (next: DeliveryRecord) => {
    record = next;
    await db.run.update({ where: { id: runId }, data: { delivery: JSON.stringify(next) } });
  };
  const fail = async (stage: "push" | "pr", message: string): Promise<never> => {
    const at = now();
    await save(
      withStep({ ...record, lastError: message, lastErrorAt: at }, { at, action: stage, ok: false, message, auto }),
    );
    await appendEvent(db, {
      type: "run.delivery_failed",
      projectId: run.projectId,
      runId,
      payload: { stage, error: message, auto },
    });
    throw new DeliveryFailedError(message, record);
  };
  let stage: "push" | "pr" = "push";
  try {
    // Push.
    if (remote.startsWith("-") || /[\s\0]/.test(remote))
      return await fail(
        "push",
        `The project's remote "${shownRemote.slice(0, 80)}" starts with "-" or has spaces, which git would read as an option: set a remote's name or URL in the project's Settings`,
      );
    if (isRemoteName(remote)) {
      const remotes = await listRemotes(repo);
      if (!remotes.includes(remote)) return await fail("push", describeMissingRemote(remote, isDefault, repo, remotes));
    }
    const fetchUrl = await remoteUrlOf(repo, remote);
    record = { ...record, remoteUrl: fetchUrl ? mask(fetchUrl) : null };
    const tip = await resolveCommit(repo, branch).catch(() => null);
    if (!tip)
      return await fail(
        "push",
        `The feature branch ${branch} no longer exists in ${repo}, so there is nothing to push: it was deleted outside Flotilla`,
      );
    const pushed = await pushBranch(repo, remote, branch);
    if (pushed.exitCode !== 0)
      return await fail(
        "push",
        describePushFailure(mask(pushed.stderr || pushed.stdout), { remote: shownRemote, branch, isDefault }),
      );
    const at = now();
    record = withStep(
      { ...record, pushedCommit: tip, pushedAt: at, lastError: null, lastErrorAt: null },
      { at, action: "push", ok: true, message: `Pushed ${tip.slice(0, 12)} to ${shownRemote} as ${branch}`, auto },
    );

    // Pull request, or the page to open one.
    let pullRequest: PullRequest | null = null;
    if (pr) {
      stage = "pr";
      const forge = parseForgeRemote(fetchUrl);
      const compare = compareUrl(fetchUrl, base, branch);
      record = { ...record, compareUrl: compare, note: null };
      const tool = forgeToolFor(forge);
      const file = tool ? findForgeCli(tool) : null;
      if (!forge || !tool || !file) {
        const note = !forge
          ? `The remote "${shownRemote}" is not on GitHub, GitLab or Bitbucket: open a pull request where it is hosted (${branch} is pushed)`
          : !tool
            ? `Bitbucket has no command line Flotilla uses: open the pull request on the compare page`
            : `${tool} (the ${FORGE_NAMES[tool]} CLI) is not installed: open the pull request on the compare page, or install ${tool} and sign in (${tool} auth login) to have Flotilla open it`;
        record = withStep({ ...record, note }, { at: now(), action: "pr", ok: true, message: note, auto });
      } else {
        pullRequest = await pullRequestFor(
          { file, tool, remote: forge, cwd: await repositoryTopLevel(repo) },
          { runId, base, branch, compare, title: pullRequestTitle(run.task, run.slug) },
          db,
          fail,
        );
        record = withStep(
          { ...record, pullRequest },
          {
            at: now(),
            action: "pr",
            ok: true,
            message: `${pullRequest.reused ? "Found the open pull request" : "Opened"} ${pullRequest.url}`,
            auto,
          },
        );
      }
    }
    await save(record);
    await appendEvent(db, {
      type: "run.delivered",
      projectId: run.projectId,
      runId,
      payload: {
        remote: shownRemote,
        branch,
        commit: tip,
        pullRequestUrl: pr ? (pullRequest?.url ?? null) : null,
        compareUrl: pr ? record.compareUrl : null,
        auto,
      },
    });
    return record;
  } catch (err) {
    if (err instanceof UserError) throw err;
    console.error(`[flotilla] delivering run ${runId} failed:`, err);
    return await fail(
      stage,
      `Delivery stopped on an unexpected error (${mask((err as Error).message).slice(0, 300)}): check that git${
        stage === "pr" ? " and gh or glab" : ""
      } run in ${repo}, then try again`,
    );
  }
}

/** The open pull request for the branch, or a new one with the report as its body. */
async function pullRequestFor(
  call: ForgeCall,
  pr: { runId: string; base: string; branch: string; compare: string | null; title: string },
  db: Database,
  fail: (stage: "pr", message: string) => Promise<never>,
): Promise<PullRequest> {
  const { tool } = call;
  const yourself = pr.compare ? ` (or open it yourself: ${pr.compare})` : "";
  const signedIn = await forgeSignedIn(call);
  if (!signedIn.ok) {
    const host =
      call.remote.host === "github.com" || call.remote.host === "gitlab.com" ? "" : ` --hostname ${call.remote.host}`;
    return fail(
      "pr",
      `${tool} is installed but not signed in to ${call.remote.host}: run ${tool} auth login${host}, then Open a pull request again${yourself}`,
    );
  }
  const existing = await findOpenPullRequest(call, pr.branch);
  if (existing) return existing;
  const report = await buildRunReport(db, pr.runId);
  const body = pullRequestBody(mask(renderReportMarkdown(report)), pr.runId);
  const opened = await openPullRequest(call, { base: pr.base, branch: pr.branch, title: mask(pr.title), body });
  if (!opened.ok)
    return fail(
      "pr",
      `${tool} could not open the pull request (${gitSaid(mask(opened.said)) || `${tool} said nothing`}): fix what it says, then Open a pull request again${yourself}`,
    );
  return opened.pullRequest;
}
