// flotilla deliver, as a person runs it: real processes, a bare repository as the remote, and
// the fake gh (e2e/fixtures/bin/gh) first on PATH.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { FAKE_AGENT, makeRepository } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { flotilla, writePlan } from "@/lib/testing/cli-harness";

const FAKE_BIN = path.resolve("e2e/fixtures/bin");

function setup() {
  const dataDir = tempDir("flotilla-cli-");
  const repo = makeRepository();
  const bare = path.join(tempDir("flotilla-remote-"), "app.git");
  git(path.dirname(bare), "init", "-q", "--bare", bare);
  git(repo, "remote", "add", "origin", "git@github.com:acme/app.git");
  git(repo, "config", "remote.origin.pushurl", bare);
  const ghLog = path.join(tempDir("flotilla-gh-"), "gh.jsonl");
  const withGh = { PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH}`, FAKE_GH_LOG: ghLog };
  const ghCalls = () =>
    existsSync(ghLog)
      ? readFileSync(ghLog, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { argv: string[]; body: string | null })
      : [];
  const run = (agentArgs = "") => {
    const wbs = writePlan(tempDir(), [{ id: "WP-1" }]);
    const ran = flotilla(dataDir, [
      "run",
      ...["--repo", repo, "--wbs", wbs, "--stagger", "0", "--json"],
      ...["--agent-cmd", `node ${FAKE_AGENT} ${agentArgs}`],
    ]);
    return { ...ran, ...(JSON.parse(ran.stdout) as { runId: string; featureBranch: string }) };
  };
  return { dataDir, repo, bare, withGh, ghCalls, run };
}

describe("flotilla deliver (real processes)", { timeout: 120_000 }, () => {
  it("pushes, opens a pull request with the report, and exits 2 or 1 with what to change", () => {
    const { dataDir, repo, bare, withGh, ghCalls, run } = setup();
    const missing = flotilla(dataDir, ["deliver"]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain("--run is required");

    const failed = run("default=fail");
    expect(failed.code).toBe(1);
    const notDone = flotilla(dataDir, ["deliver", "--run", failed.runId, "--push"]);
    expect(notDone.code).toBe(2);
    expect(notDone.stderr).toContain("Only a completed run can be delivered, and this one is failed");

    const done = run();
    expect(done.code).toBe(0);
    const tip = git(repo, "rev-parse", done.featureBranch).trim();
    const pushed = flotilla(dataDir, ["deliver", "--run", done.runId]);
    expect({ code: pushed.code, stderr: pushed.stderr }).toEqual({ code: 0, stderr: "" });
    expect(pushed.stdout).toBe(`Pushed ${tip.slice(0, 12)} to origin as ${done.featureBranch}\n`);
    expect(git(bare, "rev-parse", done.featureBranch).trim()).toBe(tip);

    // Signed out: exit 1, the message says how to sign in, --json still prints the record.
    const signedOut = flotilla(dataDir, ["deliver", "--run", done.runId, "--pr", "--json"], {
      ...withGh,
      FAKE_GH_SIGNED_OUT: "1",
    });
    expect(signedOut.code).toBe(1);
    expect(signedOut.stderr).toContain("gh is installed but not signed in to github.com: run gh auth login");
    expect(JSON.parse(signedOut.stdout)).toMatchObject({
      ok: false,
      delivery: { pushedCommit: tip, pullRequest: null },
    });

    const opened = flotilla(dataDir, ["deliver", "--run", done.runId, "--pr", "--json"], withGh);
    expect(opened.code).toBe(0);
    const out = JSON.parse(opened.stdout) as { ok: boolean; delivery: Record<string, unknown> };
    expect(out).toMatchObject({
      ok: true,
      delivery: { pushedCommit: tip, lastError: null, pullRequest: { url: "https://github.com/acme/app/pull/1" } },
    });
    const create = ghCalls().find((c) => c.argv[1] === "create")!;
    expect(create.argv).toEqual(expect.arrayContaining(["--base", "main", "--head", done.featureBranch]));
    expect(create.body).toContain("# Flotilla run report");

    // A remote that moved ahead: exit 1, nothing forced.
    const other = path.join(tempDir("flotilla-other-"), "clone");
    git(path.dirname(other), "clone", "-q", "--branch", done.featureBranch, bare, "clone");
    writeFileSync(path.join(other, "theirs.txt"), "x\n");
    git(other, "add", "-A");
    git(other, "commit", "-q", "-m", "Theirs");
    git(other, "push", "-q", "origin", done.featureBranch);
    const refused = flotilla(dataDir, ["deliver", "--run", done.runId, "--push"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /The remote "origin" refused the push: its flotilla\/\S+ has commits this branch does not/,
    );
  });

  it("flotilla run delivers before it exits when the project asks for it", () => {
    const { dataDir, repo, bare, withGh, ghCalls, run } = setup();
    // Register the project with a first run, then turn automatic pull requests on.
    const first = run();
    expect(first.code).toBe(0);
    const settings = flotilla(dataDir, ["settings", "--repo", repo, "--auto-deliver", "pr"]);
    expect({ code: settings.code, stderr: settings.stderr }).toMatchObject({ code: 0 });

    const wbs = writePlan(tempDir(), [{ id: "WP-1", outputs: ["src/second.ts"] }]);
    const ran = flotilla(
      dataDir,
      ["run", "--repo", repo, "--wbs", wbs, "--stagger", "0", "--json", "--agent-cmd", `node ${FAKE_AGENT}`],
      withGh,
    );
    expect(ran.code).toBe(0);
    const { runId, featureBranch, delivery } = JSON.parse(ran.stdout) as {
      runId: string;
      featureBranch: string;
      delivery: { pullRequest: { url: string } | null };
    };
    // flotilla run says where it delivered the run.
    expect(delivery.pullRequest?.url).toBe("https://github.com/acme/app/pull/1");
    expect(git(bare, "rev-parse", featureBranch).trim()).toBe(git(repo, "rev-parse", featureBranch).trim());
    expect(ghCalls().filter((c) => c.argv[1] === "create")).toHaveLength(1);
    const status = flotilla(dataDir, ["deliver", "--run", runId, "--pr", "--json"], withGh);
    expect(JSON.parse(status.stdout)).toMatchObject({
      delivery: { auto: { mode: "pr" }, pullRequest: { url: "https://github.com/acme/app/pull/1", reused: true } },
    });
  });
});
