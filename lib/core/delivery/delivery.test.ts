import { describe, expect, it } from "vitest";
import { describeDelivery } from "./describe-delivery";
import { EMPTY_DELIVERY, isWebUrl, parseDelivery, withStep } from "./delivery-record";
import { describeMissingRemote, describePushFailure } from "./push-failure";
import { BODY_LIMIT, pullRequestBody, pullRequestTitle } from "./pull-request-text";
import { compareUrl, maskUrlCredentials, parseForgeRemote } from "./remote-url";

describe("compareUrl", () => {
  const gh = "https://github.com/acme/shop/compare/main...flotilla/add-cart?expand=1";
  it.each([
    ["https://github.com/acme/shop.git", gh],
    ["https://github.com/acme/shop", gh],
    ["https://user:ghp_secret@github.com/acme/shop.git", gh],
    ["git@github.com:acme/shop.git", gh],
    ["ssh://git@github.com/acme/shop.git", gh],
    ["ssh://git@ssh.github.com:443/acme/shop.git", gh],
    [
      "git@gitlab.com:group/sub/shop.git",
      "https://gitlab.com/group/sub/shop/-/merge_requests/new?merge_request%5Bsource_branch%5D=flotilla%2Fadd-cart&merge_request%5Btarget_branch%5D=main",
    ],
    [
      "https://gitlab.example.com/team/shop.git",
      "https://gitlab.example.com/team/shop/-/merge_requests/new?merge_request%5Bsource_branch%5D=flotilla%2Fadd-cart&merge_request%5Btarget_branch%5D=main",
    ],
    [
      "ssh://git@gitlab.com:2222/a/b/c/shop.git",
      "https://gitlab.com/a/b/c/shop/-/merge_requests/new?merge_request%5Bsource_branch%5D=flotilla%2Fadd-cart&merge_request%5Btarget_branch%5D=main",
    ],
    [
      "git@bitbucket.org:acme/shop.git",
      "https://bitbucket.org/acme/shop/pull-requests/new?source=flotilla%2Fadd-cart&dest=main",
    ],
    [
      "https://acme@bitbucket.org/acme/shop.git",
      "https://bitbucket.org/acme/shop/pull-requests/new?source=flotilla%2Fadd-cart&dest=main",
    ],
  ])("%s", (remote, expected) => {
    expect(compareUrl(remote, "main", "flotilla/add-cart")).toBe(expected);
  });

  it.each([
    "/srv/git/shop.git",
    "../shop.git",
    "file:///srv/git/shop.git",
    "https://example.com/acme/shop.git",
    "https://github.com/acme",
    "https://github.com/acme/shop/extra",
    "git@github.com:/acme/shop.git",
    "https://github.com/acme/sh op.git",
    "",
  ])("null for %s", (remote) => {
    expect(compareUrl(remote, "main", "flotilla/x")).toBeNull();
  });

  it("encodes odd branch characters instead of breaking the URL", () => {
    expect(compareUrl("git@github.com:a/b.git", "release/1.0", "flotilla/a#b")).toBe(
      "https://github.com/a/b/compare/release/1.0...flotilla/a%23b?expand=1",
    );
  });

  it("names the forge and path", () => {
    expect(parseForgeRemote("git@gitlab.com:g/s/r.git")).toEqual({
      forge: "gitlab",
      host: "gitlab.com",
      path: "g/s/r",
    });
    expect(parseForgeRemote("origin")).toBeNull();
  });
});

describe("maskUrlCredentials", () => {
  it("masks a password or token in a URL, wherever it is in the text", () => {
    expect(maskUrlCredentials("https://user:ghp_abc123@github.com/a/b.git")).toBe("https://••••••@github.com/a/b.git");
    expect(maskUrlCredentials("fatal: unable to access 'https://ghp_token@github.com/a/b.git/': 403")).toBe(
      "fatal: unable to access 'https://••••••@github.com/a/b.git/': 403",
    );
  });
  it("keeps what holds no secret", () => {
    expect(maskUrlCredentials("ssh://git@github.com/a/b.git")).toBe("ssh://git@github.com/a/b.git");
    expect(maskUrlCredentials("git@github.com:a/b.git")).toBe("git@github.com:a/b.git");
    expect(maskUrlCredentials("origin")).toBe("origin");
  });
});

describe("pull request text", () => {
  it("takes the task's first line as the title", () => {
    expect(pullRequestTitle("\n  Add a cart  \nwith details", "add-cart")).toBe("Add a cart");
    expect(pullRequestTitle("", "add-cart")).toBe("Flotilla run add-cart");
    expect(pullRequestTitle("x".repeat(300), "s")).toHaveLength(120);
  });
  it("keeps a short report whole and says where it came from", () => {
    const body = pullRequestBody("# Flotilla run report\n\n- Cost: $1.00\n", "run-1");
    expect(body).toContain("# Flotilla run report");
    expect(body).toContain("- Cost: $1.00");
    expect(body).toContain("run `run-1`");
  });
  it("cuts a long report within the limit at a line, closing an open code fence, and says so", () => {
    const report = `# Report\n\n\`\`\`\n${"log line\n".repeat(20_000)}`;
    const body = pullRequestBody(report, "run-1");
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toContain("npx flotilla report --run run-1");
    expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});

describe("push failures say what to change", () => {
  const ctx = { remote: "origin", branch: "flotilla/x", isDefault: true };
  it("a non-fast-forward", () => {
    const said = describePushFailure(
      " ! [rejected]        flotilla/x -> flotilla/x (fetch first)\nerror: failed to push some refs to '/srv/b.git'\nhint: Updates were rejected",
      ctx,
    );
    expect(said).toMatch(/^The remote "origin" refused the push: its flotilla\/x has commits this branch does not/);
    expect(said).toContain("git pull origin flotilla/x");
    expect(said).toContain("choose another remote in the project's Settings");
    expect(said).not.toContain("hint:");
  });
  it("credentials, and an unreachable remote", () => {
    expect(describePushFailure("fatal: Authentication failed for 'https://github.com/a/b.git/'", ctx)).toMatch(
      /did not accept your credentials/,
    );
    expect(
      describePushFailure(
        "fatal: '/nowhere' does not appear to be a git repository\nfatal: Could not read from remote",
        ctx,
      ),
    ).toMatch(/cannot be reached .*Check its URL \(git remote -v\)/);
  });
  it("a missing remote says how to add one", () => {
    expect(describeMissingRemote("origin", true, "/r", [])).toContain("git -C /r remote add origin <url>");
    expect(describeMissingRemote("upstream", false, "/r", ["origin"])).toContain("It has: origin.");
  });
});

describe("the delivery record", () => {
  it("parses the column's empty object and anything broken as empty", () => {
    expect(parseDelivery("{}")).toEqual(EMPTY_DELIVERY);
    expect(parseDelivery("not json")).toEqual(EMPTY_DELIVERY);
    expect(parseDelivery('{"pushedCommit": 5}')).toEqual(EMPTY_DELIVERY);
  });
  it("keeps the last 20 steps", () => {
    let record = EMPTY_DELIVERY;
    for (let i = 0; i < 25; i++)
      record = withStep(record, { at: String(i), action: "push", ok: true, message: `step ${i}`, auto: false });
    expect(record.history).toHaveLength(20);
    expect(record.history[0].message).toBe("step 5");
  });
  it("links only http(s)", () => {
    expect(isWebUrl("https://github.com/a/b/pull/1")).toBe(true);
    expect(isWebUrl("javascript:alert(1)")).toBe(false);
    expect(isWebUrl("/srv/b.git")).toBe(false);
  });
  it("in words", () => {
    expect(describeDelivery(EMPTY_DELIVERY)).toEqual(["Not delivered yet"]);
    expect(
      describeDelivery({
        ...EMPTY_DELIVERY,
        remote: "origin",
        branch: "flotilla/x",
        pushedCommit: "0123456789abcdef",
        compareUrl: "https://github.com/a/b/compare/main...flotilla/x?expand=1",
        note: "gh (the GitHub CLI) is not installed",
      }),
    ).toEqual([
      "Pushed 0123456789ab to origin as flotilla/x",
      "Open the pull request here: https://github.com/a/b/compare/main...flotilla/x?expand=1",
      "gh (the GitHub CLI) is not installed",
    ]);
  });
});
