import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "@/e2e/fixtures/git-repos";
import { FAKE_AGENT, makeRepository } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { CLI, cliEnv, flotilla, writePlan } from "@/lib/testing/cli-harness";

/** `flotilla ARGS` with `input` typed on stdin (the confirmation's answer). */
function flotillaAnswering(dataDir: string, args: string[], input: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: cliEnv(dataDir),
    input,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const branches = (repo: string) => git(repo, "branch", "--format=%(refname:short)").trim().split("\n").sort();

describe("flotilla delete (real processes)", { timeout: 90_000 }, () => {
  it("says what goes and what stays, deletes only on yes, and a second delete finds no run", () => {
    const dataDir = tempDir("flotilla-cli-");
    const repo = makeRepository();
    const wbs = writePlan(tempDir(), [{ id: "WP-1" }, { id: "WP-2" }]);
    const ran = flotilla(dataDir, [
      "run",
      ...["--repo", repo, "--wbs", wbs, "--stagger", "0", "--json"],
      ...["--agent-cmd", `node ${FAKE_AGENT} WP-2=fail`],
    ]);
    expect({ code: ran.code, stderr: ran.stderr }).toMatchObject({ code: 1 });
    const { runId, featureBranch } = JSON.parse(ran.stdout) as { runId: string; featureBranch: string };
    const mainBefore = git(repo, "rev-parse", "main");
    expect(branches(repo)).toEqual([featureBranch, `${featureBranch}--wp-2-a1`, "main"]);

    const declined = flotillaAnswering(dataDir, ["delete", "--run", runId], "n\n");
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain(`- 2 worktrees: ${path.join(dataDir, "worktrees", runId)}`);
    expect(declined.stderr).toContain(`- 2 branches: ${featureBranch}, ${featureBranch}--wp-2-a1`);
    expect(declined.stderr).toContain(`- its logs and files in the data folder: ${path.join(dataDir, "runs", runId)}`);
    expect(declined.stderr).toMatch(/It never touches:\n {2}- main and everything already merged into it\n/);
    expect(declined.stderr).toContain(`- your own checkout at ${repo}`);
    expect(declined.stderr).toContain("Nothing was deleted.");
    expect(flotilla(dataDir, ["status", "--run", runId]).code).toBe(0);
    expect(branches(repo)).toHaveLength(3);

    const confirmed = flotillaAnswering(dataDir, ["delete", "--run", runId], "y\n");
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Deleted run build-the-parts: 2 worktrees and 2 branches removed\n$/);
    expect(branches(repo)).toEqual(["main"]);
    expect(git(repo, "rev-parse", "main")).toBe(mainBefore);
    expect(git(repo, "worktree", "list", "--porcelain")).not.toContain(dataDir);
    expect(existsSync(path.join(dataDir, "runs", runId))).toBe(false);

    const again = flotilla(dataDir, ["delete", "--run", runId, "--yes"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`There is no run ${runId}`);
  });
});
