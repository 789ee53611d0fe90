// Delivery for real: runs driven to completion with the fake agent, a bare repository as the
// remote, and a fake gh (e2e/fixtures/bin/gh) on PATH recording what it was asked.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { MASK } from "@/lib/core/security/secrets";
import { parseDelivery } from "@/lib/core/delivery/delivery-record";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { CLAIM_MS, deliverMissed, deliverOnCompletion } from "./auto-deliver";
import { deliverRun, DeliveryFailedError } from "./deliver-run";
import { readDelivery } from "./delivery-view";

const FAKE_BIN = path.resolve("e2e/fixtures/bin");
const SECRET = "tok-0123456789-delivery";
const saved = { PATH: process.env.PATH, delay: process.env.FLOTILLA_DEMO_DELAY_MS };

beforeAll(() => {
  process.env.FLOTILLA_DEMO_DELAY_MS = "0";
  process.env.FLOTILLA_DELIVERY_TEST_TOKEN = SECRET;
});
afterAll(() => {
  delete process.env.FLOTILLA_DELIVERY_TEST_TOKEN;
  if (saved.delay === undefined) delete process.env.FLOTILLA_DEMO_DELAY_MS;
  else process.env.FLOTILLA_DEMO_DELAY_MS = saved.delay;
});
afterEach(() => {
  process.env.PATH = saved.PATH;
  delete process.env.FAKE_GH_LOG;
  delete process.env.FAKE_GH_SIGNED_OUT;
});

/** gh on PATH (the fake) or not at all; the calls it records. */
function useFakeGh(): () => Array<{ argv: string[]; body: string | null }> {
  const log = path.join(tempDir("flotilla-gh-"), "gh.jsonl");
  process.env.FAKE_GH_LOG = log;
  process.env.PATH = `${FAKE_BIN}${path.delimiter}${saved.PATH}`;
  return () =>
    existsSync(log)
      ? readFileSync(log, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l))
      : [];
}

/** A bare repository as origin: fetched from a GitHub-style URL, pushed to the bare path. */
function bareOrigin(repo: string, fetchUrl = "https://github.com/acme/app.git"): string {
  const bare = path.join(tempDir("flotilla-remote-"), "app.git");
  git(path.dirname(bare), "init", "-q", "--bare", bare);
  git(repo, "remote", "add", "origin", fetchUrl);
  git(repo, "config", "remote.origin.pushurl", bare);
  return bare;
}

async function completedRun(autoDeliver: "off" | "push" | "pr" = "off") {
  const engine = await setupEngine();
  if (autoDeliver !== "off")
    await engine.db.project.update({ where: { id: engine.project.id }, data: { autoDeliver } });
  return engine;
}

const events = async (db: Awaited<ReturnType<typeof setupEngine>>["db"], runId: string, type: string) =>
  (await db.event.findMany({ where: { runId, type }, orderBy: { id: "asc" } })).map(
    (e) => JSON.parse(e.payload) as Record<string, unknown>,
  );

describe("delivering a completed run", { timeout: 90_000 }, () => {
  it("pushes the feature branch to the remote and opens a pull request with the report; again reuses both", async () => {
    const calls = useFakeGh();
    const engine = await completedRun();
    const bare = bareOrigin(engine.repo);
    const done = await engine.run(
      plan([pkg("WP-1"), pkg("WP-2")], `Add the parts\nusing ${SECRET}`),
      "default=succeed",
    );
    expect(done.run.status).toBe("completed");
    const branch = done.run.featureBranch!;
    const tip = git(engine.repo, "rev-parse", branch).trim();

    const record = await deliverRun(engine.db, done.run.id, { pr: true });
    expect(git(bare, "rev-parse", branch).trim()).toBe(tip);
    expect(record).toMatchObject({
      remote: "origin",
      remoteUrl: "https://github.com/acme/app.git",
      branch,
      pushedCommit: tip,
      pullRequest: { url: "https://github.com/acme/app/pull/1", number: 1, tool: "gh", reused: false },
      compareUrl: `https://github.com/acme/app/compare/main...${branch}?expand=1`,
      lastError: null,
    });
    const create = calls().find((c) => c.argv[0] === "pr" && c.argv[1] === "create")!;
    const arg = (name: string) => create.argv[create.argv.indexOf(name) + 1];
    expect(arg("--base")).toBe("main");
    expect(arg("--head")).toBe(branch);
    expect(arg("--repo")).toBe("github.com/acme/app");
    expect(arg("--title")).toBe("Add the parts");
    expect(create.body).toContain("# Flotilla run report");
    expect(create.body).toContain("### WP-1: Package WP-1 — MERGED");
    expect(create.body).toContain("### WP-2: Package WP-2 — MERGED");
    expect(create.body).toMatch(/- Tests: `node check.mjs` after each merge/);
    expect(create.body).toMatch(/- Cost: /);
    expect(create.body).toContain(MASK);
    expect(create.body).not.toContain(SECRET);
    expect(calls()[0].argv.slice(0, 2)).toEqual(["auth", "status"]);

    // Stored, in the event log, and in the run's API view.
    expect(parseDelivery((await engine.db.run.findUniqueOrThrow({ where: { id: done.run.id } })).delivery)).toEqual(
      record,
    );
    expect(await events(engine.db, done.run.id, "run.delivered")).toEqual([
      expect.objectContaining({ remote: "origin", commit: tip, pullRequestUrl: record.pullRequest!.url, auto: false }),
    ]);
    expect(await readDelivery(engine.db, done.run.id)).toMatchObject({
      configuredRemote: "origin",
      autoDeliver: "off",
    });

    // Repeating is safe: the unchanged branch pushes as a no-op and the open pull request is found.
    const again = await deliverRun(engine.db, done.run.id, { push: true, pr: true });
    expect(again.pullRequest).toMatchObject({ url: record.pullRequest!.url, reused: true });
    expect(calls().filter((c) => c.argv[1] === "create")).toHaveLength(1);
    expect(again.history.map((h) => [h.action, h.ok])).toEqual([
      ["push", true],
      ["pr", true],
      ["push", true],
      ["pr", true],
    ]);
  });

  it("without gh gives the compare page; a push alone opens nothing; a non-forge remote says where to go", async () => {
    process.env.PATH = saved.PATH; // no gh here
    const engine = await completedRun();
    const bare = bareOrigin(engine.repo, "git@github.com:acme/app.git");
    const done = await engine.run(plan([pkg("WP-1")]), "default=succeed");
    const branch = done.run.featureBranch!;

    const pushed = await deliverRun(engine.db, done.run.id, { push: true });
    expect(pushed.pullRequest).toBeNull();
    expect(pushed.compareUrl).toBeNull();
    expect(git(bare, "rev-parse", branch).trim()).toBe(pushed.pushedCommit);

    const record = await deliverRun(engine.db, done.run.id, { pr: true });
    expect(record.compareUrl).toBe(`https://github.com/acme/app/compare/main...${branch}?expand=1`);
    expect(record.pullRequest).toBeNull();
    expect(record.note).toMatch(/^gh \(the GitHub CLI\) is not installed: open the pull request on the compare page/);
    expect(record.lastError).toBeNull();

    await engine.db.project.update({ where: { id: engine.project.id }, data: { remote: bare } });
    const plain = await deliverRun(engine.db, done.run.id, { pr: true });
    expect(plain).toMatchObject({ remote: bare, remoteUrl: bare, compareUrl: null, pullRequest: null });
    expect(plain.note).toContain("is not on GitHub, GitLab or Bitbucket");
  });

  it("refuses what cannot be delivered, and stores each failure with what to change", async () => {
    const calls = useFakeGh();
    const engine = await completedRun();
    const failed = await engine.run(plan([pkg("WP-1")]), "default=fail");
    expect(failed.run.status).toBe("failed");
    await expect(deliverRun(engine.db, failed.run.id, { push: true })).rejects.toThrow(
      /^Only a completed run can be delivered, and this one is failed: retry what did not merge/,
    );
    await expect(deliverRun(engine.db, failed.run.id, {})).rejects.toThrow(/^Say what to deliver/);
    await expect(deliverRun(engine.db, "nope", { push: true })).rejects.toThrow(/There is no run nope/);

    const done = await engine.run(plan([pkg("WP-2")], "Second"), "default=succeed");
    const runId = done.run.id;
    const branch = done.run.featureBranch!;
    const stored = async () =>
      parseDelivery((await engine.db.run.findUniqueOrThrow({ where: { id: runId } })).delivery);

    // No remote at all.
    const none = await deliverRun(engine.db, runId, { push: true }).catch((e: Error) => e);
    expect(none).toBeInstanceOf(DeliveryFailedError);
    expect((none as Error).message).toBe(
      `This repository has no remote called "origin" to push to. It has none. Add one (git -C ${engine.repo} remote add origin <url>), or set the remote (a name or a URL) in the project's Settings.`,
    );
    expect((await stored()).lastError).toBe((none as Error).message);

    // A remote the project names that does not exist.
    const bare = bareOrigin(engine.repo);
    await engine.db.project.update({ where: { id: engine.project.id }, data: { remote: "upstream" } });
    await expect(deliverRun(engine.db, runId, { push: true })).rejects.toThrow(
      /^The project's remote "upstream" does not exist in this repository\. It has: origin\./,
    );

    // Credentials in a URL remote are never stored or shown.
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { remote: "https://bot:s3cr3t-pass@127.0.0.1:9/app.git" },
    });
    const unreachable = await deliverRun(engine.db, runId, { push: true }).catch((e: Error) => e);
    expect((unreachable as Error).message).toMatch(
      /^The remote "https:\/\/••••••@127\.0\.0\.1:9\/app\.git" cannot be reached/,
    );
    expect(JSON.stringify(await stored())).not.toContain("s3cr3t-pass");

    // The remote moved ahead: a non-fast-forward is refused, never forced.
    await engine.db.project.update({ where: { id: engine.project.id }, data: { remote: null } });
    const other = path.join(tempDir("flotilla-other-"), "clone");
    git(path.dirname(other), "clone", "-q", bare, "clone");
    git(other, "checkout", "-q", "-b", branch);
    writeFileSync(path.join(other, "theirs.txt"), "someone else\n");
    git(other, "add", "-A");
    git(other, "commit", "-q", "-m", "Someone else's commit");
    git(other, "push", "-q", "origin", branch);
    const theirs = git(bare, "rev-parse", branch).trim();
    const refused = await deliverRun(engine.db, runId, { pr: true }).catch((e: Error) => e);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^The remote "origin" refused the push: its ${branch} has commits this branch does not .*Pull them into`,
      ),
    );
    expect((refused as Error).message).toContain("choose another remote in the project's Settings");
    expect(git(bare, "rev-parse", branch).trim()).toBe(theirs);
    expect(calls().filter((c) => c.argv[1] === "create")).toHaveLength(0);
    git(bare, "update-ref", "-d", `refs/heads/${branch}`);

    // gh installed but signed out: pushed, no pull request, the message says how to sign in.
    process.env.FAKE_GH_SIGNED_OUT = "1";
    const signedOut = await deliverRun(engine.db, runId, { pr: true }).catch((e: Error) => e);
    expect((signedOut as Error).message).toBe(
      `gh is installed but not signed in to github.com: run gh auth login, then Open a pull request again (or open it yourself: https://github.com/acme/app/compare/main...${branch}?expand=1)`,
    );
    const after = await stored();
    expect(after.pushedCommit).toBe(git(engine.repo, "rev-parse", branch).trim());
    expect(after.pullRequest).toBeNull();
    expect(after.lastError).toBe((signedOut as Error).message);
    const failures = await events(engine.db, runId, "run.delivery_failed");
    expect(failures.map((f) => f.stage)).toEqual(["push", "push", "push", "push", "pr"]);

    // Signed in again: the same call opens it, and the error is cleared.
    delete process.env.FAKE_GH_SIGNED_OUT;
    const fixed = await deliverRun(engine.db, runId, { pr: true });
    expect(fixed).toMatchObject({ lastError: null, pullRequest: { url: "https://github.com/acme/app/pull/1" } });
  });

  it("opens a GitLab merge request with glab for a GitLab remote (nested groups too), and finds it again", async () => {
    const calls = useFakeGh();
    const engine = await completedRun();
    const bare = bareOrigin(engine.repo, "git@gitlab.com:acme/platform/app.git");
    const done = await engine.run(plan([pkg("WP-1")], "Add the part"), "default=succeed");
    const branch = done.run.featureBranch!;
    const record = await deliverRun(engine.db, done.run.id, { pr: true });
    expect(git(bare, "rev-parse", branch).trim()).toBe(record.pushedCommit);
    expect(record).toMatchObject({
      pullRequest: { url: "https://gitlab.com/acme/platform/app/-/merge_requests/1", number: 1, tool: "glab" },
      lastError: null,
    });
    const create = calls().find((c) => c.argv[0] === "mr" && c.argv[1] === "create")!;
    const arg = (name: string) => create.argv[create.argv.indexOf(name) + 1];
    expect(arg("--source-branch")).toBe(branch);
    expect(arg("--target-branch")).toBe("main");
    expect(arg("--repo")).toBe("https://gitlab.com/acme/platform/app");
    expect(create.body).toContain("# Flotilla run report");
    const again = await deliverRun(engine.db, done.run.id, { pr: true });
    expect(again.pullRequest).toMatchObject({ url: record.pullRequest!.url, reused: true });
    expect(calls().filter((c) => c.argv[1] === "create")).toHaveLength(1);
  });

  it("delivers on completion when the project asks, once, without failing the run", async () => {
    const calls = useFakeGh();
    const engine = await completedRun("pr");
    const bare = bareOrigin(engine.repo);
    const done = await engine.run(plan([pkg("WP-1")]), "default=succeed");
    expect(done.run.status).toBe("completed");
    const record = parseDelivery(done.run.delivery);
    expect(record.auto).toMatchObject({ mode: "pr" });
    expect(record.pullRequest?.url).toBe("https://github.com/acme/app/pull/1");
    expect(git(bare, "rev-parse", done.run.featureBranch!).trim()).toBe(record.pushedCommit);
    expect(record.history.every((h) => h.auto)).toBe(true);
    // A restart (another drive or a second call) does not deliver again.
    expect(await deliverOnCompletion(engine.db, done.run.id)).toBeNull();
    expect(calls().filter((c) => c.argv[1] === "create")).toHaveLength(1);

    // A push that fails leaves the run completed and the error on the record.
    await engine.db.project.update({
      where: { id: engine.project.id },
      data: { autoDeliver: "push", remote: "nowhere" },
    });
    const second = await engine.run(plan([pkg("WP-2")], "Second"), "default=succeed");
    expect(second.run.status).toBe("completed");
    expect(parseDelivery(second.run.delivery).lastError).toMatch(/^The project's remote "nowhere" does not exist/);
    expect(await events(engine.db, second.run.id, "run.delivery_failed")).toEqual([
      expect.objectContaining({ stage: "push", auto: true }),
    ]);
  });

  it("a run that completed while no one delivered it, or whose delivery died mid-way, is delivered later, once", async () => {
    useFakeGh();
    const engine = await completedRun("off");
    const bare = bareOrigin(engine.repo);
    // Completed with automatic delivery off (as if the process died before delivering), then turned on.
    const done = await engine.run(plan([pkg("WP-1")]), "default=succeed");
    await engine.db.project.update({ where: { id: engine.project.id }, data: { autoDeliver: "push" } });
    expect(await deliverMissed(engine.db)).toEqual([done.run.id]);
    const first = parseDelivery((await engine.db.run.findUniqueOrThrow({ where: { id: done.run.id } })).delivery);
    expect(git(bare, "rev-parse", done.run.featureBranch!).trim()).toBe(first.pushedCommit);
    expect(await deliverMissed(engine.db)).toEqual([]);

    // A claim that left no outcome (the process died mid-push) holds for CLAIM_MS, then is taken again.
    const claim = {
      ...first,
      pushedCommit: null,
      history: [],
      auto: { mode: "push", startedAt: new Date().toISOString() },
    };
    await engine.db.run.update({ where: { id: done.run.id }, data: { delivery: JSON.stringify(claim) } });
    expect(await deliverMissed(engine.db)).toEqual([]);
    expect(await deliverMissed(engine.db, new Date(Date.now() + CLAIM_MS + 1000))).toEqual([done.run.id]);
    const again = parseDelivery((await engine.db.run.findUniqueOrThrow({ where: { id: done.run.id } })).delivery);
    expect(again.pushedCommit).toBe(first.pushedCommit);
  });
});
